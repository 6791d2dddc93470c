import { performance } from 'node:perf_hooks';

import { createDvQuery } from '../sim/store/deep-visibility/dv-queries.ts';
import type { SimStore } from '../sim/store/open-sim-store.ts';
import { median } from './bench-support.ts';

export interface EventSpan {
  lo: number;
  hi: number;
}

/** The first and last event time in the store: the window a benchmark query covers. */
export function eventSpan(store: SimStore): EventSpan {
  return store.db
    .prepare('SELECT min(event_time) AS lo, max(event_time) AS hi FROM events')
    .get() as EventSpan;
}

/**
 * Runs one Deep Visibility query `runs` times over `span` as the simulator's init-query
 * does (finished at once, no user) and gives the median time; a query the compiler
 * refuses stops the benchmark, named by `label`.
 */
export function timeDvQuery({
  store,
  query,
  span,
  limit,
  runs,
  label = query,
}: {
  store: SimStore;
  query: string;
  span: EventSpan;
  limit: number;
  runs: number;
  label?: string;
}): { ms: number; matches: number; queryId: string } {
  const times: number[] = [];
  let matches = 0;
  let queryId = '';
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const row = createDvQuery(store, {
      query,
      fromMs: span.lo,
      toMs: span.hi,
      limit,
      userId: null,
      runningMs: 0,
      ttlMs: 3_600_000,
    });
    times.push(performance.now() - start);
    if (row.error !== null) throw new Error(`${label}: ${row.error}`);
    queryId = row.id;
    matches = row.result_count;
  }
  return { ms: median(times), matches, queryId };
}
