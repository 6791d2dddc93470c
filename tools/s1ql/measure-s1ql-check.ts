import { parseS1ql } from './parse-s1ql.ts';

export interface S1qlCheckTiming {
  readonly queries: number;
  readonly iterations: number;
  /** Queries that failed to parse or validate; they are timed too. */
  readonly invalid: number;
  readonly totalMs: number;
  /** Per parse+validate of one query, over every query and iteration. */
  readonly meanMicros: number;
  readonly p50Micros: number;
  readonly p95Micros: number;
  readonly maxMicros: number;
}

/**
 * Times parse+validate of each query, for benchmarks. `now` is a millisecond clock with
 * sub-millisecond resolution (performance.now by default); one untimed pass warms up first.
 */
export function measureS1qlCheck({
  queries,
  iterations = 10,
  now = () => performance.now(),
}: {
  queries: readonly string[];
  iterations?: number;
  now?: () => number;
}): S1qlCheckTiming {
  let invalid = 0;
  for (const text of queries) if (!parseS1ql(text).ok) invalid += 1;

  const samples: number[] = [];
  const started = now();
  for (let round = 0; round < iterations; round += 1) {
    for (const text of queries) {
      const before = now();
      parseS1ql(text);
      samples.push((now() - before) * 1000);
    }
  }
  const totalMs = now() - started;

  samples.sort((a, b) => a - b);
  const at = (share: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(share * samples.length))] ?? 0;
  const sum = samples.reduce((total, sample) => total + sample, 0);
  return {
    queries: queries.length,
    iterations,
    invalid,
    totalMs,
    meanMicros: samples.length === 0 ? 0 : sum / samples.length,
    p50Micros: at(0.5),
    p95Micros: at(0.95),
    maxMicros: samples.at(-1) ?? 0,
  };
}
