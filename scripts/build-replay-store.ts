import { importRecordings } from '../sim/import/index.ts';
import type { Scenario, ScenarioEvent, ScenarioInput } from '../sim/scenario.ts';
import { loadScenario } from '../sim/store/load-scenario.ts';
import { openSimStore, type SimStore } from '../sim/store/open-sim-store.ts';
import { datasetsRoot, requireRecordings } from './bench-support.ts';

const HOUR = 3_600_000;

/**
 * A large simulator store for benchmarks (`bench:dv`, `bench:hunting`): every OTRF
 * recording replayed with new event ids and times shifted six hours per round until the
 * store holds `target` events. `extra` scenarios load once, first.
 */
export async function buildReplayStore({
  path,
  target,
  extra = [],
}: {
  path: string;
  target: number;
  extra?: readonly ScenarioInput[];
}): Promise<{
  store: SimStore;
  events: number;
  rounds: number;
  recordings: number;
  eventsPerRound: number;
}> {
  const sources: Scenario[] = [];
  for await (const outcome of importRecordings({
    paths: [requireRecordings()],
    datasetsRoot: datasetsRoot(),
  })) {
    if (outcome.status === 'failed') throw outcome.error;
    if (outcome.status === 'imported') sources.push(outcome.scenario);
  }

  const store = openSimStore({ path });
  let loaded = 0;
  for (const scenario of extra) {
    loadScenario(store, scenario);
    loaded += Array.isArray(scenario.events) ? scenario.events.length : 0;
  }

  let round = 0;
  let nextId = 10n ** 17n;
  while (loaded < target) {
    for (const source of sources) {
      if (loaded >= target) break;
      const events = source.events.slice(0, target - loaded).map((event): ScenarioEvent => {
        nextId += 1n;
        const time = Date.parse(String(event['event.time'])) + round * 6 * HOUR;
        return { ...event, 'event.id': String(nextId), 'event.time': new Date(time).toISOString() };
      });
      loadScenario(store, {
        ...source,
        id: `${source.id}-replay-${round}`,
        events,
        threats: round === 0 ? source.threats : [],
      });
      loaded += events.length;
    }
    round += 1;
  }

  return {
    store,
    events: loaded,
    rounds: round,
    recordings: sources.length,
    eventsPerRound: sources.reduce((sum, source) => sum + source.events.length, 0),
  };
}
