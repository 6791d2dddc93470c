import { EVENT_TYPES, type EventType, objectTypeOf } from '../../s1ql/event-types.ts';
import { FIELDS, type FieldDef } from '../../s1ql/fields.ts';
import { AnalysisError, type AnalysisErrorCode, type AnalysisProblem } from '../analysis-error.ts';
import { type CoercedValue, coerceFieldValue, coerceTime } from './coerce-field-value.ts';
import type { EvidenceEvent } from './evidence-event.ts';
import { EVIDENCE_PATHS } from './evidence-paths.ts';

/** The raw values of one event, however the source keys them. */
export interface RawEventReader {
  id: unknown;
  type: unknown;
  time: unknown;
  /** The raw value of a catalogue field. */
  field(field: FieldDef): unknown;
  /** How a field is named in the source, for error paths (`srcProcPid`, `src.process.pid`). */
  keyOf(field: FieldDef): string;
  idKey: string;
  typeKey: string;
  timeKey: string;
}

export type BuildOutcome =
  | { ok: true; event: EvidenceEvent }
  | { ok: false; id: string | undefined; problems: AnalysisProblem[] };

export interface RejectedEvent {
  /** Position in the input list. */
  index: number;
  id: string | undefined;
  problems: AnalysisProblem[];
}

/** Converts a list of raw events, keeping the good ones and saying why the others were left out. */
export function convertEach(
  raws: readonly unknown[],
  convert: (raw: unknown) => BuildOutcome,
): { events: EvidenceEvent[]; rejected: RejectedEvent[] } {
  const events: EvidenceEvent[] = [];
  const rejected: RejectedEvent[] = [];
  raws.forEach((raw, index) => {
    const outcome = convert(raw);
    if (outcome.ok) {
      events.push(outcome.event);
    } else {
      rejected.push({ index, id: outcome.id, problems: outcome.problems });
    }
  });
  return { events, rejected };
}

/** How one source names an event's id, type and time, and each catalogue field. */
export type EventKeying = Pick<RawEventReader, 'idKey' | 'typeKey' | 'timeKey' | 'keyOf'>;

/** A converter for raw events keyed one way: an object check, then `buildEvidenceEvent`. */
export function eventConverter(keying: EventKeying): (raw: unknown) => BuildOutcome {
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return {
        ok: false,
        id: undefined,
        problems: [{ path: '', message: 'expected an event object' }],
      };
    }

    const event = raw as Record<string, unknown>;
    return buildEvidenceEvent({
      ...keying,
      id: event[keying.idKey],
      type: event[keying.typeKey],
      time: event[keying.timeKey],
      field: (field) => event[keying.keyOf(field)],
    });
  };
}

/** The converted event, or an `AnalysisError` listing every problem with it. */
export function eventOrThrow({
  outcome,
  code,
  label,
}: {
  outcome: BuildOutcome;
  code: AnalysisErrorCode;
  /** What the event is called in the message, e.g. `Deep Visibility event`. */
  label: string;
}): EvidenceEvent {
  if (outcome.ok) {
    return outcome.event;
  }

  const problems = outcome.problems
    .map((problem) => `${problem.path || '(event)'}: ${problem.message}`)
    .join('; ');
  throw new AnalysisError({
    code,
    message: `${label} ${outcome.id ?? '(no id)'} is malformed: ${problems}`,
    problems: outcome.problems,
  });
}

const MAPPED_FIELDS = FIELDS.flatMap((field) => {
  const path = EVIDENCE_PATHS[field.v2];
  return path === undefined ? [] : [{ field, path: path.split('.') }];
});

const TYPES_BY_LOWER_NAME = new Map(
  (Object.keys(EVENT_TYPES) as EventType[]).map((type) => [type.toLowerCase(), type]),
);

/** Builds an evidence event from any source of catalogue values, collecting every problem. */
export function buildEvidenceEvent(reader: RawEventReader): BuildOutcome {
  const problems: AnalysisProblem[] = [];
  const id = typeof reader.id === 'string' && reader.id !== '' ? reader.id : undefined;
  if (id === undefined) {
    problems.push({ path: reader.idKey, message: 'expected a non-empty event id' });
  }

  const type =
    typeof reader.type === 'string'
      ? TYPES_BY_LOWER_NAME.get(reader.type.trim().toLowerCase())
      : undefined;
  if (type === undefined) {
    problems.push({
      path: reader.typeKey,
      message: `unknown event type ${JSON.stringify(reader.type)}`,
    });
  }

  const time = coerceTime(reader.time);
  if (time.kind !== 'value') {
    problems.push({
      path: reader.timeKey,
      message: time.kind === 'invalid' ? time.message : 'expected the event time',
    });
  }

  const tree: Record<string, unknown> = { endpoint: {}, process: {}, target: {} };
  const untrusted: string[] = [];
  for (const { field, path } of MAPPED_FIELDS) {
    const coerced = coerceFieldValue(field, reader.field(field));
    if (coerced.kind === 'invalid') {
      problems.push({ path: reader.keyOf(field), message: coerced.message });
    } else if (coerced.kind === 'value') {
      setPath(tree, path, coerced.value);
      if (field.untrusted) {
        untrusted.push(path.join('.'));
      }
    }
  }

  if (problems.length > 0 || id === undefined || type === undefined || time.kind !== 'value') {
    return { ok: false, id, problems };
  }
  return {
    ok: true,
    event: {
      id,
      time: time.value as number,
      type,
      category: objectTypeOf(type),
      endpoint: tree.endpoint as EvidenceEvent['endpoint'],
      process: tree.process as EvidenceEvent['process'],
      target: tree.target as EvidenceEvent['target'],
      untrusted,
    },
  };
}

function setPath(
  tree: Record<string, unknown>,
  path: readonly string[],
  value: CoercedValue,
): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) {
    node[last] = value;
  }
}
