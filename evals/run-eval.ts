import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { RolloutPhase } from '../policy/index.ts';
import type { AnyRule } from '../tools/analysis/attack/technique-rule.ts';
import { withTechniqueRules } from '../tools/analysis/attack/technique-rule-scope.ts';
import type { EvalCaseList } from './eval-case.ts';
import { buildEvalReport, type EvalReport } from './eval-report.ts';
import { failedCaseScore } from './failed-case-score.ts';
import { type EvalJudge, judgeNotification } from './judge/judge-notification.ts';
import { loadEvalScenarios } from './load-eval-scenarios.ts';
import { runEvalCase } from './run-eval-case.ts';
import { type CaseScore, scoreCase } from './score-case.ts';

export interface EvalOptions {
  list: EvalCaseList;
  /** A model spec as `casebook run --model` takes it; the offline model when absent. */
  model?: string | undefined;
  phase?: RolloutPhase | undefined;
  concurrency?: number;
  /**
   * The ATT&CK mapping rules to analyse with instead of the rule library: how a changed
   * or broken rule shows up in the scores before it ships.
   */
  techniqueRules?: readonly AnyRule[] | undefined;
  /** An LLM judge for the notifications; without one the judge score is `not run`. */
  judge?: EvalJudge | undefined;
  /** Called as each case finishes, e.g. for a progress line. */
  onCase?: (score: CaseScore, wallMs: number) => void;
}

/**
 * Replays every case of the list, `concurrency` at a time, each on its own simulator and
 * database, and scores it against its ground truth. Cases are loaded as workers free up,
 * so at most `concurrency` recordings are in memory.
 */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const workDir = mkdtempSync(join(tmpdir(), 'casebook-eval-'));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pending = loadEvalScenarios({ list: options.list });
  const scores: CaseScore[] = [];
  const wallMs: Record<string, number> = {};
  const started = performance.now();

  const worker = async () => {
    for (let next = await pending.next(); next.done !== true; next = await pending.next()) {
      const loaded = next.value;
      if (loaded.status === 'failed') {
        const score = failedCaseScore(loaded);
        scores.push(score);
        wallMs[score.caseId] = 0;
        options.onCase?.(score, 0);
        continue;
      }
      const replay = () =>
        runEvalCase({
          scenario: loaded.scenario,
          source: loaded.source,
          workDir,
          model: options.model,
          phase: options.phase,
        });
      const rules = options.techniqueRules;
      const run = await (rules === undefined ? replay() : withTechniqueRules(rules, replay));
      const look = run.firstLook;
      const judge =
        options.judge === undefined
          ? undefined
          : await judgeNotification({
              judge: options.judge,
              facts: loaded.scenario.groundTruth.facts,
              notification:
                look === null ? null : `${look.notification.subject}\n${look.notification.body}`,
            });
      const score = scoreCase({ scenario: loaded.scenario, run, ...(judge ? { judge } : {}) });
      scores.push(score);
      wallMs[score.caseId] = run.wallMs;
      options.onCase?.(score, run.wallMs);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return buildEvalReport({
    model: options.model ?? 'offline',
    phase: options.phase ?? 'default',
    cases: scores,
    wallMs,
    totalWallMs: performance.now() - started,
    concurrency,
  });
}
