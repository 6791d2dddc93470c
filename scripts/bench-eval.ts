/**
 * Offline eval throughput: the same case list replayed at concurrency 1 and 4, reported as
 * cases per minute and the 4-to-1 speed-up ratio: the built-in scenarios, or with `--otrf`
 * every OTRF recording (imported on the fly).
 *
 *   npm run bench:eval [-- --otrf]
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { parseEvalCases } from '../evals/parse-eval-cases.ts';
import { runEval } from '../evals/run-eval.ts';
import { datasetsRoot, requireRecordings, table } from './bench-support.ts';

const otrf = process.argv.includes('--otrf');
const list = await parseEvalCases({ args: otrf ? [requireRecordings()] : [] });
process.stdout.write(`data: ${otrf ? join(datasetsRoot(), 'otrf') : 'built-in scenarios'}\n`);

const rows: (string | number)[][] = [['concurrency', 'cases', 'failed', 'wall s', 'cases/min']];
const perMinute: number[] = [];
for (const concurrency of [1, 4]) {
  const started = performance.now();
  const report = await runEval({ list, concurrency });
  const seconds = (performance.now() - started) / 1000;
  const cases = report.scored.cases.length;
  const failed = report.scored.cases.filter((c) => c.status === 'failed').length;
  perMinute.push((cases / seconds) * 60);
  rows.push([concurrency, cases, failed, seconds.toFixed(1), ((cases / seconds) * 60).toFixed(1)]);
}

console.log(table(rows));
console.log(`speed-up at 4: ${((perMinute[1] ?? 0) / (perMinute[0] ?? 1)).toFixed(2)}x`);
