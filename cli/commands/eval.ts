import { join, resolve } from 'node:path';

import { modelRegistryFromConfig } from '../../agents/index.ts';

import {
  checkThresholds,
  DEFAULT_THRESHOLDS_FILE,
  loadEvalThresholds,
} from '../../evals/eval-thresholds.ts';
import { formatShare } from '../../evals/format-share.ts';
import { DEFAULT_JUDGE_RUNS, type EvalJudge } from '../../evals/judge/judge-notification.ts';
import { parseEvalCases } from '../../evals/parse-eval-cases.ts';
import { renderEvalTable } from '../../evals/render-eval-table.ts';
import { runEval } from '../../evals/run-eval.ts';
import { writeEvalReports } from '../../evals/write-eval-reports.ts';
import { datasetsRoot } from '../../lib/datasets-root.ts';
import { printable } from '../../lib/printable.ts';
import { RolloutPhase } from '../../policy/index.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { RULE_LIBRARY } from '../../tools/analysis/attack/rule-library.ts';
import type { Command } from '../command.ts';
import { integerFlag, parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { runHuntingEvalCommand } from './eval-hunting.ts';

const USAGE = `Usage: casebook eval [cases...] [options]

Replays cases on fresh in-process simulators, gives each its first look, and scores it
against the case's ground truth: verdict, severity, ATT&CK techniques, root cause,
affected endpoints, IOCs, citations, writes run without approval, cost and speed.

A case is a built-in scenario id, a scenario .json file, or an OTRF recording (a file or
a folder of them, imported on the fly). Without cases, every built-in scenario is replayed.
Text scores: the share of the case's listed facts the summary, notification and report
cover (every key term of a fact found, case-insensitive, defanged indicators restored).

Options:
  --model <spec>        offline (default) | openai:<model> |
                        openai-compatible:<base URL>#<model>
  --phase <phase>       policy phase: observe | assist | automate (default policy otherwise)
  --concurrency <n>     cases replayed at once (default 1)
  --out <dir>           write eval-report.json and eval-report.md there
  --otrf                add every OTRF recording under the datasets folder
                        (CASEBOOK_DATASETS, default ../shared/datasets)
  --builtins            add every built-in scenario (the default when no case is given)
  --thresholds <file>   the gate (default evals/thresholds.json); exit 1 when a total misses
  --drop-rule <id>      analyse without this ATT&CK mapping rule (repeatable): what the
                        rule is worth, or how a broken rule shows in the scores
  --judge <spec>        grade each notification with this model (openai:<model> |
                        openai-compatible:<base URL>#<model>); otherwise "not run"
  --judge-runs <n>      times each notification is graded, for the spread (default 3)
  --hunting             score the hunting agent instead, as casebook eval hunting does
                        (its options: --model, --questions, --out, --json)`;

/** `casebook eval`: score the agents against what really happened, and gate on it. */
export const evalCommand: Command = {
  name: ['eval'],
  summary: 'Replay cases and score the first looks against their ground truth',
  usage: USAGE,

  async run({ args, config, stdout, stderr }) {
    if (args.includes('--hunting')) {
      const rest = args.filter((arg) => arg !== '--hunting');
      return runHuntingEvalCommand({ args: rest, config, stdout, stderr });
    }
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        model: { type: 'string' },
        phase: { type: 'string' },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        thresholds: { type: 'string' },
        otrf: { type: 'boolean' },
        builtins: { type: 'boolean' },
        'drop-rule': { type: 'string', multiple: true },
        judge: { type: 'string' },
        'judge-runs': { type: 'string' },
      },
    });
    const phase = values.phase === undefined ? undefined : RolloutPhase.safeParse(values.phase);
    if (phase !== undefined && !phase.success) {
      throw new UsageError(`--phase expects observe, assist or automate, got "${values.phase}"`);
    }
    const concurrency =
      integerFlag({ name: 'concurrency', value: values.concurrency, min: 1, max: 64 }) ?? 1;
    const thresholds = loadEvalThresholds({
      path: values.thresholds ?? DEFAULT_THRESHOLDS_FILE,
    });
    const cases = [...positionals];
    if (values.builtins === true) {
      cases.push(...(await loadBuiltinScenarios()).map((scenario) => scenario.id));
    }
    if (values.otrf === true) cases.push(join(datasetsRoot(), 'otrf'));
    const list = await parseEvalCases({ args: cases });
    const techniqueRules = rulesWithout(values['drop-rule']);
    const judge = judgeOf({
      spec: values.judge,
      runs: values['judge-runs'],
      build: (spec) => modelRegistryFromConfig({ config, model: spec }).create('comms'),
    });

    const isTty = (stderr as { isTTY?: boolean }).isTTY === true;
    let done = 0;
    const report = await runEval({
      list,
      model: values.model,
      phase: phase?.data,
      concurrency,
      techniqueRules,
      judge,
      onCase: (score, wallMs) => {
        done += 1;
        const outcome =
          score.status === 'failed' ? `failed (${score.error})` : score.verdict.predicted;
        const line = printable(`[${done}] ${score.caseId}: ${outcome} ${Math.round(wallMs)} ms`);
        // A terminal gets one line redrawn in place; CI logs get one plain line per case.
        stderr.write(isTty ? `\r\x1b[2K${line.slice(0, 120)}` : `${line}\n`);
      },
    });
    if (isTty) stderr.write('\r\x1b[2K');

    stdout.write(`${renderEvalTable(report)}\n`);
    if (values.out !== undefined) {
      for (const path of writeEvalReports({ report, dir: resolve(values.out) })) {
        stdout.write(`wrote ${path}\n`);
      }
    }
    const misses = checkThresholds({ totals: report.scored.totals, thresholds });
    for (const miss of misses) {
      const actual = miss.actual === null ? 'no data' : formatValue(miss.metric, miss.actual);
      const bound = miss.bound === 'min' ? 'at least' : 'at most';
      const limit = formatValue(miss.metric, miss.limit);
      stdout.write(`threshold missed: ${miss.metric} is ${actual}, ${bound} ${limit} required\n`);
    }
    stdout.write(misses.length === 0 ? 'thresholds: all met\n' : '');
    return misses.length === 0 ? 0 : 1;
  },
};

/** The rule library without the named rules; each name must be a rule. */
function rulesWithout(ids: string[] | undefined) {
  if (ids === undefined || ids.length === 0) return undefined;
  const known = new Set(RULE_LIBRARY.map((rule) => rule.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`--drop-rule: no mapping rule "${unknown.join('", "')}"`);
  }
  return RULE_LIBRARY.filter((rule) => !ids.includes(rule.id));
}

function judgeOf({
  spec,
  runs,
  build,
}: {
  spec: string | undefined;
  runs: string | undefined;
  build: (spec: string) => { id: string; model: EvalJudge['model']; fencePrompts: boolean };
}): EvalJudge | undefined {
  const count = integerFlag({ name: 'judge-runs', value: runs, min: 1, max: 20 });
  if (spec === undefined) {
    if (count !== undefined) throw new UsageError('--judge-runs needs --judge');
    return undefined;
  }
  const resolved = build(spec);
  // The offline model writes findings; it has no opinion on prose to give.
  if (!resolved.fencePrompts) throw new UsageError('--judge needs a language model, not offline');
  return { id: resolved.id, model: resolved.model, runs: count ?? DEFAULT_JUDGE_RUNS };
}

/** Counts print as counts, shares as percentages. */
function formatValue(metric: string, value: number): string {
  return metric === 'unapprovedWrites' || metric === 'failed' ? String(value) : formatShare(value);
}
