import { createHash, type Hash } from 'node:crypto';
import {
  Scenario,
  type ScenarioEvent,
  type ScenarioInput,
  type ScenarioThreat,
} from '../scenario.ts';
import { recordActivity } from './activities/activity-log.ts';
import { createEventInserter } from './events/event-inserter.ts';
import type { SimStore } from './open-sim-store.ts';
import { ScenarioLoadError } from './scenario-load-error.ts';
import { EVENT_INDEXES } from './sim-schema.ts';

export interface LoadScenarioResult {
  scenarioId: string;
  /** `unchanged`: the same content was already loaded and nothing was written. */
  status: 'loaded' | 'replaced' | 'unchanged';
  agents: number;
  events: number;
  threats: number;
}

/** Below this many events, dropping and rebuilding the indexes costs more than it saves. */
const BULK_LOAD_THRESHOLD = 20_000;

const DAY_MS = 86_400_000;

const ScenarioWithoutEvents = Scenario.omit({ events: true });

function hashScenario(meta: unknown, events: readonly ScenarioEvent[], hash: Hash): void {
  hash.update(JSON.stringify(meta));
  for (const event of events) {
    hash.update(JSON.stringify(event));
    hash.update('\n');
  }
}

interface Prepared {
  meta: Omit<Scenario, 'events'>;
  events: readonly ScenarioEvent[];
}

function prepare(input: ScenarioInput): Prepared {
  const { events, ...rest } = input;
  const parsed = ScenarioWithoutEvents.safeParse(rest);
  const scenarioId = typeof rest.id === 'string' ? rest.id : '(no id)';
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ScenarioLoadError(scenarioId, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  if (!Array.isArray(events)) {
    throw new ScenarioLoadError(scenarioId, 'events: expected an array');
  }
  return { meta: parsed.data, events };
}

/**
 * Loads a scenario in one transaction. Loading the same content again changes nothing;
 * loading changed content under the same id replaces that scenario's events and threats
 * (with their notes and activities) and leaves every other scenario alone. Agents are
 * shared: recordings of the same lab often reuse a host, so they are upserted.
 */
export function loadScenario(store: SimStore, input: ScenarioInput): LoadScenarioResult {
  const { meta, events } = prepare(input);
  const { db } = store;
  const counts = {
    agents: meta.agents.length,
    events: events.length,
    threats: meta.threats.length,
  };

  const previous = db
    .prepare('SELECT content_hash, first_event_rowid, last_event_rowid FROM scenarios WHERE id = ?')
    .get(meta.id) as
    | { content_hash: string; first_event_rowid: number | null; last_event_rowid: number | null }
    | undefined;

  const hash = createHash('sha256');
  if (previous !== undefined) {
    hashScenario(meta, events, hash);
    const digest = hash.copy().digest('hex');
    if (digest === previous.content_hash) {
      return { scenarioId: meta.id, status: 'unchanged', ...counts };
    }
  }

  db.transaction(() => {
    if (previous !== undefined) {
      removeScenarioRows(store, meta.id, previous);
    }
    checkThreatOwnership(store, meta);
    upsertAgents(store, meta, events);
    const range = insertEvents({ store, meta, events, hash: previous === undefined ? hash : null });
    insertThreats(store, meta);
    db.prepare(
      `INSERT INTO scenarios (id, title, description, source, content_hash, ground_truth,
         loaded_at, event_count, first_event_rowid, last_event_rowid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      meta.id,
      meta.title,
      meta.description,
      JSON.stringify(meta.source),
      hash.digest('hex'),
      JSON.stringify(meta.groundTruth),
      store.clock.now(),
      events.length,
      range?.first ?? null,
      range?.last ?? null,
    );
  })();

  return { scenarioId: meta.id, status: previous === undefined ? 'loaded' : 'replaced', ...counts };
}

function removeScenarioRows(
  store: SimStore,
  scenarioId: string,
  previous: { first_event_rowid: number | null; last_event_rowid: number | null },
): void {
  const { db } = store;
  if (previous.first_event_rowid !== null && previous.last_event_rowid !== null) {
    db.prepare('DELETE FROM events WHERE id BETWEEN ? AND ?').run(
      previous.first_event_rowid,
      previous.last_event_rowid,
    );
  }
  const threatIds = 'SELECT id FROM threats WHERE scenario_id = ?';
  db.prepare(`DELETE FROM threat_notes WHERE threat_id IN (${threatIds})`).run(scenarioId);
  db.prepare(`DELETE FROM activities WHERE threat_id IN (${threatIds})`).run(scenarioId);
  db.prepare('DELETE FROM threats WHERE scenario_id = ?').run(scenarioId);
  db.prepare('DELETE FROM scenarios WHERE id = ?').run(scenarioId);

  // Results of earlier Deep Visibility queries point at event row ids, which the new
  // events may reuse, so those queries go too.
  db.prepare('DELETE FROM dv_query_results').run();
  db.prepare('DELETE FROM dv_queries').run();
}

function checkThreatOwnership(store: SimStore, meta: Prepared['meta']): void {
  const owner = store.db.prepare('SELECT scenario_id FROM threats WHERE id = ?');
  const agentIds = new Set(meta.agents.map((agent) => agent.id));
  const storedAgent = store.db.prepare('SELECT 1 FROM agents WHERE id = ?');
  for (const threat of meta.threats) {
    const row = owner.get(threat.id) as { scenario_id: string } | undefined;
    if (row !== undefined) {
      throw new ScenarioLoadError(
        meta.id,
        `threat ${threat.id} already belongs to scenario "${row.scenario_id}"`,
      );
    }
    if (!agentIds.has(threat.agentId) && storedAgent.get(threat.agentId) === undefined) {
      throw new ScenarioLoadError(
        meta.id,
        `threat ${threat.id} names unknown agent ${threat.agentId}`,
      );
    }
  }
}

function earliestTime(meta: Prepared['meta'], events: readonly ScenarioEvent[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const threat of meta.threats) {
    earliest = Math.min(earliest, Date.parse(threat.createdAt));
  }
  for (const event of events) {
    const time = Date.parse(String(event['event.time']));
    if (time < earliest) earliest = time;
  }
  return Number.isFinite(earliest) ? earliest : 0;
}

/** Endpoints registered a week before the first thing the scenario shows them doing. */
function upsertAgents(
  store: SimStore,
  meta: Prepared['meta'],
  events: readonly ScenarioEvent[],
): void {
  const first = earliestTime(meta, events);
  const registeredAt = first - 7 * DAY_MS;
  const upsert = store.db.prepare(
    `INSERT INTO agents (id, uuid, scenario_id, computer_name, os_type, os_name, machine_type,
       domain, site_name, group_name, ip_addresses, last_logged_in_user_name, tags,
       network_status, registered_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'connected', ?, ?)
     ON CONFLICT (id) DO UPDATE SET uuid = excluded.uuid, scenario_id = excluded.scenario_id,
       computer_name = excluded.computer_name, os_type = excluded.os_type,
       os_name = excluded.os_name, machine_type = excluded.machine_type,
       domain = excluded.domain, site_name = excluded.site_name,
       group_name = excluded.group_name, ip_addresses = excluded.ip_addresses,
       last_logged_in_user_name = excluded.last_logged_in_user_name, tags = excluded.tags`,
  );
  for (const agent of meta.agents) {
    upsert.run(
      agent.id,
      agent.uuid,
      meta.id,
      agent.computerName,
      agent.osType,
      agent.osName,
      agent.machineType,
      agent.domain,
      agent.siteName,
      agent.groupName,
      JSON.stringify(agent.ipAddresses),
      agent.lastLoggedInUserName,
      JSON.stringify(agent.tags),
      registeredAt,
      first,
    );
  }
}

function insertEvents({
  store,
  meta,
  events,
  hash,
}: {
  store: SimStore;
  meta: Prepared['meta'];
  events: readonly ScenarioEvent[];
  hash: Hash | null;
}): { first: number; last: number } | undefined {
  const { db } = store;
  if (events.length === 0) {
    if (hash !== null) hashScenario(meta, events, hash);
    return undefined;
  }

  const bulk =
    events.length >= BULK_LOAD_THRESHOLD &&
    db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined;
  if (bulk) {
    for (const index of EVENT_INDEXES) {
      db.exec(`DROP INDEX IF EXISTS ${index.name}`);
    }
  }

  const inserter = createEventInserter({ db, scenarioId: meta.id, agents: meta.agents });
  if (hash !== null) hash.update(JSON.stringify(meta));
  let first = -1;
  let last = -1;
  for (const event of events) {
    const raw = JSON.stringify(event);
    if (hash !== null) {
      hash.update(raw);
      hash.update('\n');
    }
    const rowid = inserter.insert(event, raw);
    if (first < 0) first = rowid;
    last = rowid;
  }

  if (bulk) {
    for (const index of EVENT_INDEXES) {
      db.exec(index.sql);
    }
    // Planner statistics for choosing between the time index and a selective one; a
    // sampled analysis is enough for that and takes milliseconds instead of seconds.
    db.pragma('analysis_limit = 1000');
    db.exec('ANALYZE events');
  }
  return { first, last };
}

function insertThreats(store: SimStore, meta: Prepared['meta']): void {
  const insert = store.db.prepare(
    `INSERT INTO threats (id, scenario_id, agent_id, event_id, storyline, classification,
       confidence_level, incident_status, analyst_verdict, mitigation_status, created_at,
       updated_at, spec)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const computerName = store.db.prepare('SELECT computer_name FROM agents WHERE id = ?');
  for (const threat of meta.threats) {
    const createdAt = Date.parse(threat.createdAt);
    insert.run(
      threat.id,
      meta.id,
      threat.agentId,
      threat.eventId,
      threat.storyline,
      threat.classification,
      threat.confidenceLevel,
      threat.incidentStatus,
      threat.analystVerdict,
      threat.mitigationStatus,
      createdAt,
      createdAt,
      JSON.stringify(threat satisfies ScenarioThreat),
    );
    const host = (computerName.get(threat.agentId) as { computer_name: string }).computer_name;
    recordActivity(store, {
      type: 'threatDetected',
      user: null,
      at: createdAt,
      threatId: threat.id,
      agentId: threat.agentId,
      scenarioId: meta.id,
      primary: `Threat detected on ${host}: ${threat.threatName} (${threat.confidenceLevel}).`,
      data: {
        computerName: host,
        threatName: threat.threatName,
        classification: threat.classification,
        confidenceLevel: threat.confidenceLevel,
      },
    });
  }
}
