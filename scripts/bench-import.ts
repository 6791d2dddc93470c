/**
 * Import throughput: every OTRF recording under the shared datasets is read, mapped to
 * Deep Visibility events and loaded into a simulator store. Prints records and events per
 * second for the import (read + map + storylines + threat placement) and for the load.
 *
 *   npm run bench:import [-- --store /tmp/bench-sim.db]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { importRecordings } from '../sim/import/index.ts';
import { loadScenario } from '../sim/store/load-scenario.ts';
import { openSimStore } from '../sim/store/open-sim-store.ts';
import { argValue, datasetsRoot, mib, requireRecordings, table } from './bench-support.ts';

const otrf = requireRecordings();
const storePath = argValue('store', join(tmpdir(), `casebook-bench-import-${process.pid}.db`));
rmSync(storePath, { force: true });
const store = openSimStore({ path: storePath });

let recordings = 0;
let records = 0;
let events = 0;
let importMs = 0;
let loadMs = 0;
let peakRss = process.memoryUsage().rss;
const byType = new Map<string, number>();

let started = performance.now();
for await (const outcome of importRecordings({ paths: [otrf], datasetsRoot: datasetsRoot() })) {
  importMs += performance.now() - started;
  if (outcome.status === 'failed') throw outcome.error;

  if (outcome.status === 'imported') {
    recordings += 1;
    records += outcome.summary.lines;
    events += outcome.scenario.events.length;
    for (const [type, n] of Object.entries(outcome.summary.eventTypes)) {
      byType.set(type, (byType.get(type) ?? 0) + n);
    }

    const loadStart = performance.now();
    loadScenario(store, outcome.scenario);
    loadMs += performance.now() - loadStart;
  }

  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  started = performance.now();
}
store.close();
rmSync(storePath, { force: true });

const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
console.log(`recordings imported: ${recordings}`);
console.log(
  table([
    ['stage', 'ms', 'records/s', 'events/s'],
    [
      'import (read, map, lineage, threat)',
      Math.round(importMs),
      perSecond(records, importMs),
      perSecond(events, importMs),
    ],
    ['load into simulator store', Math.round(loadMs), '-', perSecond(events, loadMs)],
    [
      'end to end',
      Math.round(importMs + loadMs),
      perSecond(records, importMs + loadMs),
      perSecond(events, importMs + loadMs),
    ],
  ]),
);
console.log(
  `records read: ${records.toLocaleString('en-US')}, events produced: ${events.toLocaleString('en-US')}`,
);
console.log(`load/import time ratio: ${(loadMs / importMs).toFixed(2)}; peak RSS ${mib(peakRss)}`);
console.log('');
console.log(table([['event type', 'events'], ...[...byType].sort((a, b) => b[1] - a[1])]));
