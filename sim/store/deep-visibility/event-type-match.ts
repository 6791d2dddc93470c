import { EVENT_TYPES, OBJECT_TYPES } from '../../../tools/s1ql/event-types.ts';

/**
 * A Deep Visibility type as a path or filter names it. The console documents two
 * vocabularies for `/dv/events/{type}`: object-type slugs (`process`, `dns`) used by
 * integrations, and event-type names (`Process Creation`) from the swagger text; both
 * are accepted, ignoring case.
 */
export type EventTypeMatch =
  | { column: 'event_category'; value: string }
  | {
      column: 'event_type';
      value: string;
    };

const EVENT_TYPE_NAMES = new Map(
  Object.keys(EVENT_TYPES).map((name) => [name.toLowerCase(), name]),
);
const OBJECT_TYPE_NAMES = new Map(OBJECT_TYPES.map((name) => [name.toLowerCase(), name]));

export function matchEventType(text: string): EventTypeMatch | undefined {
  const key = text.trim().toLowerCase().replaceAll('-', '_');
  const objectType = OBJECT_TYPE_NAMES.get(key);
  if (objectType !== undefined) {
    return { column: 'event_category', value: objectType };
  }
  const eventType = EVENT_TYPE_NAMES.get(text.trim().toLowerCase());
  return eventType === undefined ? undefined : { column: 'event_type', value: eventType };
}

/** SQL that keeps events of any of the types, for an events table aliased `e`. */
export function eventTypeClause(matches: readonly EventTypeMatch[]): {
  sql: string;
  params: string[];
} {
  const tests = matches.map((match) =>
    match.column === 'event_type' ? 'e.event_type = ? COLLATE NOCASE' : 'e.event_category = ?',
  );
  return { sql: `(${tests.join(' OR ')})`, params: matches.map((match) => match.value) };
}
