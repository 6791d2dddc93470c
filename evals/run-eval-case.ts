import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { analyseCase, type FirstLook } from '../agents/index.ts';
import { createAnalysisRuntime } from '../cli/commands/run.ts';
import { loadConfig } from '../config/load-config.ts';
import { openDatabase } from '../db/open-database.ts';
import { DEFAULT_TENANT_ID } from '../db/tenants.ts';
import { silentLogger } from '../lib/logger.ts';
import { DEFAULT_POLICY, listAuditEntries, type RolloutPhase } from '../policy/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import { startSimulator } from '../sim/start-simulator.ts';
import type { AuditFact } from './scores/score-safety.ts';

/** What one replayed case produced: the first look (if any) and what the run did. */
export interface EvalCaseRun {
  caseId: string;
  source: string;
  status: 'succeeded' | 'failed';
  /** Why there is no first look: the run's failure stage and message, or what threw. */
  error: string | null;
  firstLook: FirstLook | null;
  steps: number;
  toolCalls: number;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Every audit entry of the run, for the safety score. */
  audit: AuditFact[];
  wallMs: number;
}

/**
 * Replays one case on a fresh simulator and a fresh database in `workDir`, through the
 * runtime `casebook run` uses, under `phase` (the default policy with its phase set).
 */
export async function runEvalCase({
  scenario,
  source,
  workDir,
  model,
  phase,
}: {
  scenario: Scenario;
  source: string;
  workDir: string;
  model?: string | undefined;
  phase?: RolloutPhase | undefined;
}): Promise<EvalCaseRun> {
  const started = performance.now();
  const base = {
    caseId: scenario.id,
    source,
    steps: 0,
    toolCalls: 0,
    modelCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    audit: [],
  };
  const threat = scenario.threats[0];
  if (threat === undefined) {
    return {
      ...base,
      status: 'failed',
      error: 'the scenario has no threat',
      firstLook: null,
      wallMs: 0,
    };
  }
  // Its own folder even when two sources give the same scenario id.
  const dir = mkdtempSync(join(workDir, `${scenario.id}-`));
  mkdirSync(join(dir, 'policies'));
  if (phase !== undefined) {
    writeFileSync(
      join(dir, 'policies', `${DEFAULT_TENANT_ID}.json`),
      // The file form, not the parsed one: its durations parse from text, and defaults refill.
      JSON.stringify({ version: 1, phase, rules: DEFAULT_POLICY.rules }),
    );
  }
  const config = loadConfig({ env: { CASEBOOK_DB: join(dir, 'casebook.db') }, cwd: dir });
  const store = openDatabase({ path: config.databasePath });
  const sim = await startSimulator({ scenarios: [scenario], timing: { dvQueryRunningMs: 0 } });
  let steps = 0;
  try {
    const runtime = createAnalysisRuntime({
      store,
      config,
      tenantId: DEFAULT_TENANT_ID,
      consoleUrl: sim.url,
      token: sim.token,
      logger: silentLogger,
      model,
    });
    const result = await analyseCase({
      tenantId: DEFAULT_TENANT_ID,
      threatId: threat.id,
      ...runtime,
      db: store.db,
      budget: config.caseBudget,
      trigger: 'eval',
      onStep: () => {
        steps += 1;
      },
    });
    const audit = listAuditEntries({
      db: store.db,
      tenantId: DEFAULT_TENANT_ID,
      runId: result.runId,
    }).map(({ kind, payload }) => ({ kind, payload }));
    return {
      ...base,
      status: result.status,
      error:
        result.status === 'failed' ? `${result.failure.stage}: ${result.failure.message}` : null,
      firstLook: result.status === 'succeeded' ? result.firstLook : null,
      steps,
      toolCalls: audit.filter((entry) => entry.kind === 'tool.call').length,
      modelCalls: audit.filter((entry) => entry.kind === 'model.call').length,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      audit,
      wallMs: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      status: 'failed',
      error: `threw: ${message}`,
      firstLook: null,
      steps,
      wallMs: performance.now() - started,
    };
  } finally {
    await sim.close();
    store.close();
  }
}
