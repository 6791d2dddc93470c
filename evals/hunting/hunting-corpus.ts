import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { datasetsRoot } from '../../lib/datasets-root.ts';
import { importRecordings } from '../../sim/import/index.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { loadScenario } from '../../sim/store/load-scenario.ts';
import { openSimStore, type SimStore } from '../../sim/store/open-sim-store.ts';
import { compileS1ql } from '../../tools/s1ql/index.ts';

/** An event store to run eval queries on, as the simulator's Deep Visibility would. */
export interface HuntingCorpus {
  readonly name: 'builtin' | 'otrf';
  readonly events: number;
  /** Ids of the events the query matches within the window (epoch ms, both ends in). */
  run(query: string, window: { fromMs: number; toMs: number }): Set<string>;
  close(): void;
}

function corpusOver(name: HuntingCorpus['name'], store: SimStore): HuntingCorpus {
  const { n } = store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  return {
    name,
    events: n,
    run(query, window) {
      const compiled = compileS1ql(query);
      if (!compiled.ok) throw new Error(`${query}: ${compiled.error.message}`);
      const rows = store.db
        .prepare(
          `SELECT event_id FROM events WHERE (${compiled.sql}) AND event_time BETWEEN ? AND ?`,
        )
        .all(...compiled.params, window.fromMs, window.toMs) as { event_id: string }[];
      return new Set(rows.map((row) => row.event_id));
    },
    close: () => store.close(),
  };
}

/** Every built-in scenario in one store, so a query is also judged on what it must not match. */
export async function openBuiltinCorpus(): Promise<HuntingCorpus> {
  const store = openSimStore({ path: ':memory:' });
  for (const scenario of await loadBuiltinScenarios()) loadScenario(store, scenario);
  return corpusOver('builtin', store);
}

/**
 * The named OTRF recordings in one store, or why there is none: the datasets folder is
 * shared and may be absent.
 */
export async function openOtrfCorpus(
  recordings: readonly string[],
): Promise<{ corpus: HuntingCorpus } | { skipped: string }> {
  const root = join(datasetsRoot(), 'otrf');
  if (!existsSync(root)) return { skipped: `no OTRF recordings at ${root}` };

  const store = openSimStore({ path: ':memory:' });
  const outcomes = importRecordings({
    paths: recordings.map((path) => join(root, path)),
    datasetsRoot: datasetsRoot(),
  });
  for await (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      store.close();
      return { skipped: `${outcome.path} did not import: ${outcome.error.message}` };
    }
    if (outcome.status === 'imported') loadScenario(store, outcome.scenario);
  }
  return { corpus: corpusOver('otrf', store) };
}
