/**
 * Hunting speed. Two figures:
 * 1. parse + validate time per query (median and p95 over queries, each the median of
 *    `--reps` runs) for the S1QL engine's corpus, the hunting eval's reference queries and
 *    the offline translator's queries for the same questions;
 * 2. execution time of the eval's queries (references and translations) over a store of
 *    `--events` events (default 1,000,000, built as bench:dv builds its store, plus the
 *    built-in scenarios), through the simulator's Deep Visibility query path with the
 *    hunt's result limit.
 *
 *   npm run bench:hunting [-- --events 1000000 --runs 3 --reps 200]
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { loadHuntingQuestions } from '../evals/hunting/hunting-questions.ts';
import { translateOffline } from '../hunting/translate/translate-offline.ts';
import { loadBuiltinScenarios } from '../sim/scenarios/load-builtin-scenarios.ts';
import { parseS1ql } from '../tools/s1ql/index.ts';
import { argValue, median, table } from './bench-support.ts';
import { buildReplayStore } from './build-replay-store.ts';
import { eventSpan, timeDvQuery } from './time-dv-query.ts';

const target = Number(argValue('events', '1000000'));
const runs = Number(argValue('runs', '3'));
const reps = Number(argValue('reps', '200'));
const HUNT_LIMIT = 1000;

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const corpusFile = new URL('../tools/s1ql/corpus/valid-1.0.txt', import.meta.url);
const engineCorpus = readFileSync(corpusFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const set = loadHuntingQuestions();
const references = set.questions.flatMap((q) => ('query' in q.expect ? [q.expect.query] : []));
const translated = set.questions.flatMap((q) => {
  const now = q.now === undefined ? Date.now() : Date.parse(q.now);
  const result = translateOffline({ text: q.question, now });
  return result.kind === 'query' ? [result.checked.text] : [];
});

const parseRows: (string | number)[][] = [['queries', 'count', 'median µs', 'p95 µs', 'max µs']];
for (const [name, queries] of [
  ['engine corpus (S1QL 1.0)', engineCorpus],
  ['eval references', references],
  ['offline translations', translated],
] as const) {
  const perQuery = queries.map((query) => {
    const times: number[] = [];
    for (let i = 0; i < reps; i += 1) {
      const start = performance.now();
      const parsed = parseS1ql(query, { dialect: '1.0' });
      times.push(performance.now() - start);
      if (!parsed.ok) throw new Error(`${query}: ${parsed.error.message}`);
    }
    return median(times) * 1000;
  });
  parseRows.push([
    name,
    queries.length,
    median(perQuery).toFixed(1),
    p95(perQuery).toFixed(1),
    Math.max(...perQuery).toFixed(1),
  ]);
}
console.log('parse + validate, per query');
console.log(table(parseRows));
console.log('');

const storePath = join(tmpdir(), `casebook-bench-hunting-${process.pid}.db`);
rmSync(storePath, { force: true });
const buildStart = performance.now();
const { store, events, rounds } = await buildReplayStore({
  path: storePath,
  target,
  extra: await loadBuiltinScenarios(),
});
console.log(
  `store: ${events.toLocaleString('en-US')} events in ` +
    `${((performance.now() - buildStart) / 1000).toFixed(1)} s, ${rounds} replay rounds`,
);

const span = eventSpan(store);
const queries = [...new Set([...references, ...translated])];
const timings = queries.map((query) => {
  const { ms, matches } = timeDvQuery({ store, query, span, limit: HUNT_LIMIT, runs });
  return { query, ms, matches };
});
const all = timings.map((t) => t.ms);
console.log(
  `execution over the store, ${queries.length} distinct eval queries, limit ${HUNT_LIMIT}: ` +
    `median ${median(all).toFixed(1)} ms, p95 ${p95(all).toFixed(1)} ms, ` +
    `max ${Math.max(...all).toFixed(1)} ms; ${all.filter((ms) => ms < 250).length} under 250 ms`,
);
console.log('');
console.log('slowest five');
console.log(
  table([
    ['ms', 'matches', 'query'],
    ...[...timings]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((t) => [t.ms.toFixed(1), t.matches, t.query.slice(0, 110)]),
  ]),
);

store.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
