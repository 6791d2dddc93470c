/**
 * Time to context: from `analyseCase` starting to the first look stored, on the offline
 * model, against the simulator over loopback with the real client, gate and audit (the
 * webhook leg comes later). Prints:
 * - single cases on a 5,000-event storyline (a built-in scenario's beacon replayed until
 *   the storyline has 5,000 events): p50 / p95 / max over BENCH_RUNS runs (default 20);
 * - BENCH_PARALLEL cases (default 50, copies of the built-in scenarios) at once on one
 *   tenant's client: wall time, p50 / p95 per case, failures;
 * - the triage specialist's largest prompt (estimated tokens) for the 5,000-event case, and
 *   what the raw storyline would cost in a prompt against its packed digest.
 * The client spaces Deep Visibility status polls one second apart per token, as the real
 * console requires, and each case runs one sweep query: under parallel load that spacing,
 * not casebook, sets the pace. Absolute times depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { type AnalyseCaseResult, analyseCase } from '../agents/index.ts';
import { createAnalysisRuntime } from '../cli/commands/run.ts';
import { loadConfig } from '../config/load-config.ts';
import { openDatabase } from '../db/open-database.ts';
import { silentLogger } from '../lib/logger.ts';
import { listAuditEntries } from '../policy/index.ts';
import { Scenario, type ScenarioEvent } from '../sim/scenario.ts';
import { loadBuiltinScenarios } from '../sim/scenarios/load-builtin-scenarios.ts';
import { startSimulator } from '../sim/start-simulator.ts';
import {
  estimateTokens,
  evidenceFromScenarioEvents,
  evidencePackOf,
} from '../tools/analysis/index.ts';
import { table } from './bench-support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 50);
const STORYLINE_EVENTS = 5_000;
const TENANT = 'bench';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/** What a beacon repeats for hours: connections, lookups, requests and module loads. */
const BEACON_TYPES = new Set(['IP Connect', 'DNS Resolved', 'GET', 'POST', 'Module Load']);

/**
 * The phishing case with its beacon running on: the storyline's connection, lookup,
 * request and module events repeated at one-second steps after the attack, with new event
 * ids, until the storyline holds 5,000 events.
 */
function longStoryline(base: Scenario): Scenario {
  const threat = base.threats[0];
  if (threat === undefined) throw new Error('the base scenario has no threat');
  const storyline = base.events.filter(
    (event) =>
      event['src.process.storyline.id'] === threat.storyline ||
      event['tgt.process.storyline.id'] === threat.storyline,
  );
  const replayable = storyline.filter((event) => BEACON_TYPES.has(String(event['event.type'])));
  const last = Math.max(...base.events.map((event) => Date.parse(String(event['event.time']))));
  const events: ScenarioEvent[] = [...base.events];
  for (let i = 0; storyline.length + i < STORYLINE_EVENTS; i += 1) {
    const source = replayable[i % replayable.length] as ScenarioEvent;
    events.push({
      ...source,
      'event.id': String(8_000_000_000_000_000_000n + BigInt(i)),
      'event.time': new Date(last + (i + 1) * 1_000).toISOString(),
    });
  }
  return Scenario.parse({ ...base, id: `${base.id}-5000`, events });
}

/** A copy of a scenario with every id made unique to copy `n`, so copies can share a console. */
function copyOf(scenario: Scenario, n: number): Scenario {
  const ids = new Map<string, string>();
  const numeric = (id: string) => {
    const text = String(BigInt(id) + BigInt(n) * 1_000_003n);
    return text.length <= 20 ? text : text.slice(-20);
  };
  const hex = (id: string, width: number) =>
    (n.toString(16).padStart(3, '0') + id.slice(3)).slice(0, width).toUpperCase();
  for (const agent of scenario.agents) {
    ids.set(agent.id, numeric(agent.id));
    ids.set(agent.uuid, hex(agent.uuid, agent.uuid.length).toLowerCase());
  }
  for (const threat of scenario.threats) {
    ids.set(threat.id, numeric(threat.id));
    ids.set(threat.storyline, hex(threat.storyline, 16));
  }
  for (const event of scenario.events) {
    ids.set(String(event['event.id']), numeric(String(event['event.id'])));
    for (const key of ['src.process.storyline.id', 'tgt.process.storyline.id']) {
      const value = event[key];
      if (typeof value === 'string' && !ids.has(value)) ids.set(value, hex(value, 16));
    }
  }
  const text = JSON.stringify({ ...scenario, id: `${scenario.id}-${n}` }).replace(
    /"([0-9A-Fa-f]{16,32}|\d{6,20})"/g,
    (whole, id: string) => (ids.has(id) ? `"${ids.get(id)}"` : whole),
  );
  return Scenario.parse(JSON.parse(text));
}

async function withConsole<T>(
  scenarios: Scenario[],
  run: (context: {
    analyse: (threatId: string) => Promise<{ result: AnalyseCaseResult; ms: number }>;
    db: ReturnType<typeof openDatabase>['db'];
  }) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-ttc-'));
  const config = loadConfig({ env: { CASEBOOK_DB: join(dir, 'casebook.db') }, cwd: dir });
  const store = openDatabase({ path: config.databasePath });
  const sim = await startSimulator({ scenarios, timing: { dvQueryRunningMs: 0 } });
  try {
    const runtime = createAnalysisRuntime({
      store,
      config,
      tenantId: TENANT,
      consoleUrl: sim.url,
      token: sim.token,
      logger: silentLogger,
    });
    const analyse = async (threatId: string) => {
      const started = performance.now();
      let stored = Number.NaN;
      const result = await analyseCase({
        tenantId: TENANT,
        threatId,
        ...runtime,
        db: store.db,
        trigger: 'bench',
        onStep: (step) => {
          if (step.kind === 'store') stored = performance.now();
        },
      });
      return { result, ms: stored - started };
    };
    return await run({ analyse, db: store.db });
  } finally {
    await sim.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const builtin = await loadBuiltinScenarios();
const phishing = builtin.find((scenario) => scenario.id === 'phishing-macro-powershell');
if (phishing === undefined) throw new Error('no phishing-macro-powershell scenario');
const long = longStoryline(phishing);
const threatId = long.threats[0]?.id ?? '';

const single = await withConsole([long], async ({ analyse, db }) => {
  const times: number[] = [];
  let failures = 0;
  let triagePrompt = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const { result, ms } = await analyse(threatId);
    if (result.status !== 'succeeded') {
      failures += 1;
      continue;
    }
    times.push(ms);
    if (i === 0) {
      triagePrompt = Math.max(
        0,
        ...listAuditEntries({ db, tenantId: TENANT, runId: result.runId, kinds: ['model.call'] })
          .filter((entry) => entry.actor === 'triage')
          .map((entry) => (entry.payload.usage as { inputTokens: number }).inputTokens),
      );
    }
  }
  return { times, failures, triagePrompt };
});

const copies = Array.from({ length: PARALLEL }, (_, n) =>
  copyOf(builtin[n % builtin.length] as Scenario, n + 1),
);
const parallel = await withConsole(copies, async ({ analyse }) => {
  const started = performance.now();
  const outcomes = await Promise.all(copies.map((copy) => analyse(copy.threats[0]?.id ?? '')));
  return {
    wall: performance.now() - started,
    times: outcomes.filter((o) => o.result.status === 'succeeded').map((o) => o.ms),
    failures: outcomes.filter((o) => o.result.status !== 'succeeded').length,
  };
});

const storyline = evidenceFromScenarioEvents(
  long.events.filter(
    (event) =>
      event['src.process.storyline.id'] === long.threats[0]?.storyline ||
      event['tgt.process.storyline.id'] === long.threats[0]?.storyline,
  ),
).events;
const pack = evidencePackOf(storyline, { budgetTokens: 8_000 });
const raw = estimateTokens(JSON.stringify(storyline));

const ms = (value: number) => `${value.toFixed(0)} ms`;
process.stdout.write(`time to first look stored (offline model, simulator over loopback)\n\n`);
process.stdout.write(
  `${table([
    ['measure', 'runs', 'p50', 'p95', 'max', 'failed'],
    [
      `single case, ${storyline.length}-event storyline`,
      RUNS,
      ms(percentile(single.times, 50)),
      ms(percentile(single.times, 95)),
      ms(Math.max(...single.times)),
      single.failures,
    ],
    [
      `${PARALLEL} cases at once (wall ${ms(parallel.wall)})`,
      PARALLEL,
      ms(percentile(parallel.times, 50)),
      ms(percentile(parallel.times, 95)),
      ms(Math.max(...parallel.times)),
      parallel.failures,
    ],
  ])}\n\n`,
);
process.stdout.write(
  `${table([
    ['prompt size (estimated tokens, chars/4)', 'tokens'],
    ['raw storyline as JSON', raw],
    ['packed digest (budget 8,000)', pack.estimatedTokens],
    ["triage specialist's largest prompt", single.triagePrompt],
  ])}\n`,
);
process.stdout.write(
  `\npacked digest keeps ${pack.keptEventIds.length} cited events, the threat lineage ` +
    (pack.lineageEventsLeftOut === 0
      ? 'complete, '
      : `missing ${pack.lineageEventsLeftOut} events, `) +
    `${pack.summarisedEvents} events counted in its summary\n`,
);
if (single.failures > 0 || parallel.failures > 0) process.exitCode = 1;
