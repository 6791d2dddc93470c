import type BetterSqlite3 from 'better-sqlite3';
import { EVENT_TYPES, isEventType } from '../../../tools/s1ql/event-types.ts';
import type { ScenarioAgent, ScenarioEvent } from '../../scenario.ts';
import { siteIdOf } from '../identity/sim-account.ts';
import { ScenarioLoadError } from '../scenario-load-error.ts';
import { type ColumnValue, EVENT_FIELDS, EventValueError, toColumnValue } from './event-columns.ts';

const REQUIRED_KEYS = ['event.id', 'event.type', 'event.time', 'agent.uuid'] as const;

/** Beyond this many distinct column sets, new ones are prepared per row and not kept. */
const MAX_SHAPES = 2048;

const INDEX_BY_V2 = new Map(EVENT_FIELDS.map((field, index) => [field.v2, index]));

function indexOf(v2: string): number {
  const index = INDEX_BY_V2.get(v2);
  if (index === undefined) {
    throw new Error(`field catalogue has no "${v2}"`);
  }
  return index;
}

/** Fields the loader fills from the agent (or the event type) when an event leaves them out. */
const ENRICHED = {
  agentId: indexOf('agent.id'),
  endpointName: indexOf('endpoint.name'),
  endpointOs: indexOf('endpoint.os'),
  endpointType: indexOf('endpoint.type'),
  siteId: indexOf('site.id'),
  siteName: indexOf('site.name'),
  category: indexOf('event.category'),
  type: indexOf('event.type'),
};

export interface EventInserter {
  /** Inserts one event with its original JSON and returns the new row id. */
  insert(event: ScenarioEvent, raw: string): number;
}

/**
 * Inserts events binding only the columns an event has. A recorded event sets a dozen of
 * the ~100 catalogue fields, and binding the rest as NULL one by one costs more than the
 * insert itself, so there is one prepared statement per column set seen.
 */
export function createEventInserter({
  db,
  scenarioId,
  agents,
}: {
  db: BetterSqlite3.Database;
  scenarioId: string;
  agents: readonly ScenarioAgent[];
}): EventInserter {
  const enrichmentByUuid = new Map(agents.map((agent) => [agent.uuid, agentEnrichment(agent)]));
  const shapes = new Map<string, Shape>();
  const row: ColumnValue[] = new Array(EVENT_FIELDS.length).fill(null);
  const present: number[] = [];

  const shapeOf = (): Shape => {
    // Column sets come in the event's own key order; a string of char codes keys them
    // cheaply, and events of one kind share their key order anyway.
    const key = String.fromCharCode(...present);
    const cached = shapes.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const names = [
      'event_id',
      'scenario_id',
      ...present.map((i) => EVENT_FIELDS[i]?.column),
      'raw',
    ];
    const shape: Shape = {
      statement: db.prepare(
        `INSERT INTO events (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ),
      params: new Array(names.length).fill(null),
    };
    if (shapes.size < MAX_SHAPES) {
      shapes.set(key, shape);
    }
    return shape;
  };

  const set = (index: number, value: ColumnValue) => {
    if (value !== null && row[index] === null) {
      row[index] = value;
      present.push(index);
    }
  };

  return {
    insert(event, raw) {
      const eventId = event['event.id'];
      for (const key of REQUIRED_KEYS) {
        const value = event[key];
        if (typeof value !== 'string' || value === '') {
          const which = typeof eventId === 'string' ? `event ${eventId}` : 'an event without an id';
          throw new ScenarioLoadError(scenarioId, `${which} is missing "${key}"`);
        }
      }

      present.length = 0;
      for (const key in event) {
        const index = INDEX_BY_V2.get(key);
        const field = index === undefined ? undefined : EVENT_FIELDS[index];
        if (index === undefined || field === undefined) {
          continue;
        }
        try {
          set(index, toColumnValue(field, event[key]));
        } catch (error) {
          if (error instanceof EventValueError) {
            const problem = `event ${eventId}, field "${key}": ${error.message}`;
            throw new ScenarioLoadError(scenarioId, problem);
          }
          throw error;
        }
      }
      const type = row[ENRICHED.type];
      set(
        ENRICHED.category,
        typeof type === 'string' && isEventType(type) ? EVENT_TYPES[type] : null,
      );
      const enrichment = enrichmentByUuid.get(event['agent.uuid'] as string);
      if (enrichment !== undefined) {
        for (const [index, value] of enrichment) {
          set(index, value);
        }
      }

      const { statement, params } = shapeOf();
      params[0] = eventId as string;
      params[1] = scenarioId;
      for (let i = 0; i < present.length; i++) {
        const index = present[i] as number;
        params[i + 2] = row[index] ?? null;
        row[index] = null;
      }
      params[present.length + 2] = raw;
      return Number(statement.run(params).lastInsertRowid);
    },
  };
}

interface Shape {
  statement: BetterSqlite3.Statement;
  /** Reused for every row of this shape, which keeps a bulk load from churning garbage. */
  params: ColumnValue[];
}

function agentEnrichment(agent: ScenarioAgent): [number, string][] {
  return [
    [ENRICHED.agentId, agent.id],
    [ENRICHED.endpointName, agent.computerName],
    [ENRICHED.endpointOs, agent.osType],
    [ENRICHED.endpointType, agent.machineType],
    [ENRICHED.siteName, agent.siteName],
    [ENRICHED.siteId, siteIdOf(agent.siteName)],
  ];
}
