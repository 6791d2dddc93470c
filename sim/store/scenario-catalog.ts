import { GroundTruth } from '../scenario.ts';
import type { SimStore } from './open-sim-store.ts';

export interface LoadedScenario {
  id: string;
  title: string;
  eventCount: number;
  loadedAt: number;
  contentHash: string;
  groundTruth: GroundTruth;
}

interface ScenarioRow {
  id: string;
  title: string;
  event_count: number;
  loaded_at: number;
  content_hash: string;
  ground_truth: string;
}

function toLoaded(row: ScenarioRow): LoadedScenario {
  return {
    id: row.id,
    title: row.title,
    eventCount: row.event_count,
    loadedAt: row.loaded_at,
    contentHash: row.content_hash,
    groundTruth: GroundTruth.parse(JSON.parse(row.ground_truth)),
  };
}

/** The scenarios in the store with their ground truth, for the eval harness. */
export function listLoadedScenarios(store: SimStore): LoadedScenario[] {
  const rows = store.db.prepare('SELECT * FROM scenarios ORDER BY id').all() as ScenarioRow[];
  return rows.map(toLoaded);
}

export function findLoadedScenario(store: SimStore, id: string): LoadedScenario | undefined {
  const row = store.db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as
    | ScenarioRow
    | undefined;
  return row === undefined ? undefined : toLoaded(row);
}
