/**
 * The main job on real recordings: every OTRF recording under the shared datasets is
 * imported, served by the simulator in-process (one recording at a time, so one recording's
 * events are in memory), and its case given a first look on the offline model by the eval
 * runner (`evals/run-eval-case.ts`), through the runtime `casebook run` uses. Prints one row per
 * recording and the totals the issue asks for: errors, technique recall and precision
 * against the recording's ground truth (exact id, and parent technique), how many cases
 * found at least one and at least half of their ground truth, verdicts and wall time.
 *
 *   npm run bench:otrf
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { runEvalCase } from '../evals/run-eval-case.ts';
import { overlap, parentOf } from '../evals/technique-overlap.ts';
import { importRecordings } from '../sim/import/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import { datasetsRoot, requireRecordings, table } from './bench-support.ts';

interface CaseRow {
  scenario: string;
  verdict: string;
  severity: string;
  truth: string[];
  found: string[];
  error?: string;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)}% (${part}/${whole})`;

const otrf = requireRecordings();
const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-otrf-'));
const rows: CaseRow[] = [];
const skipped: string[] = [];
const started = performance.now();

/** One recording's case, on its own simulator and database (the eval's runner): a row. */
async function firstLookOf(scenario: Scenario): Promise<CaseRow> {
  const row = { scenario: scenario.id, truth: [...scenario.groundTruth.techniques].sort() };
  const run = await runEvalCase({ scenario, source: scenario.id, workDir: dir });
  if (run.firstLook === null) {
    return { ...row, verdict: '-', severity: '-', found: [], error: run.error ?? 'no first look' };
  }
  const { triage } = run.firstLook;
  return {
    ...row,
    verdict: triage.verdict,
    severity: triage.severity,
    found: [...new Set(triage.techniques.map((technique) => technique.id))].sort(),
  };
}

try {
  for await (const outcome of importRecordings({ paths: [otrf], datasetsRoot: datasetsRoot() })) {
    const name = outcome.path.slice(otrf.length + 1);
    if (outcome.status === 'skipped') {
      skipped.push(name);
    } else if (outcome.status === 'failed') {
      rows.push({
        scenario: name,
        verdict: '-',
        severity: '-',
        truth: [],
        found: [],
        error: `import: ${outcome.error.message}`,
      });
    } else {
      const row = await firstLookOf(outcome.scenario).catch(
        (error: unknown): CaseRow => ({
          scenario: outcome.scenario.id,
          verdict: '-',
          severity: '-',
          truth: outcome.scenario.groundTruth.techniques,
          found: [],
          error: `threw: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
      rows.push(row);
      process.stderr.write(`  ${rows.length} ${row.scenario}: ${row.error ?? row.verdict}\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const wallMs = performance.now() - started;

process.stdout.write(
  `first look on every OTRF recording (offline model, simulator in-process)\n\n${table([
    ['scenario', 'verdict', 'severity', 'ground truth', 'found', 'hits'],
    ...rows.map((row) => [
      row.scenario,
      row.error === undefined ? row.verdict : `ERROR ${row.error.slice(0, 60)}`,
      row.severity,
      row.truth.join(' ') || '-',
      row.found.length,
      `${overlap(row.truth, row.found)}/${row.truth.length}`,
    ]),
  ])}\n\n`,
);

const analysed = rows.filter((row) => row.error === undefined);
const sum = (count: (row: CaseRow) => number) =>
  analysed.reduce((total, row) => total + count(row), 0);
const parents = (ids: readonly string[]) => [...new Set(ids.map(parentOf))];
const withTruth = analysed.filter((row) => row.truth.length > 0);
const verdicts = new Map<string, number>();
for (const row of analysed) verdicts.set(row.verdict, (verdicts.get(row.verdict) ?? 0) + 1);

process.stdout.write(
  `${table([
    ['total', 'value'],
    ['cases', rows.length],
    ['errors', rows.length - analysed.length],
    ['recordings skipped (no host telemetry)', skipped.length],
    [
      'technique recall, exact id',
      percent(
        sum((row) => overlap(row.truth, row.found)),
        sum((row) => new Set(row.truth).size),
      ),
    ],
    [
      'technique precision, exact id',
      percent(
        sum((row) => overlap(row.found, row.truth)),
        sum((row) => row.found.length),
      ),
    ],
    [
      'technique recall, parent technique',
      percent(
        sum((row) => overlap(parents(row.truth), parents(row.found))),
        sum((row) => parents(row.truth).length),
      ),
    ],
    [
      'technique precision, parent technique',
      percent(
        sum((row) => overlap(parents(row.found), parents(row.truth))),
        sum((row) => parents(row.found).length),
      ),
    ],
    [
      'cases finding >= 1 ground-truth technique',
      percent(
        withTruth.filter((row) => overlap(row.truth, row.found) >= 1).length,
        withTruth.length,
      ),
    ],
    [
      'cases finding >= half their ground truth',
      percent(
        withTruth.filter((row) => overlap(row.truth, row.found) * 2 >= new Set(row.truth).size)
          .length,
        withTruth.length,
      ),
    ],
    [
      'verdicts',
      [...verdicts]
        .sort((a, b) => b[1] - a[1])
        .map(([verdict, n]) => `${verdict} ${n}`)
        .join(', ') || '-',
    ],
    ['wall time', `${(wallMs / 1000).toFixed(1)} s`],
  ])}\n`,
);
if (rows.length === 0 || analysed.length < rows.length) process.exitCode = 1;
