import { AnalysisError } from '../analysis-error.ts';
import {
  type BuildOutcome,
  buildEvidenceEvent,
  convertEach,
  type RejectedEvent,
} from './build-evidence-event.ts';
import type { EvidenceEvent } from './evidence-event.ts';

export type { RejectedEvent };

function convert(raw: unknown): BuildOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      id: undefined,
      problems: [{ path: '', message: 'expected an event object' }],
    };
  }
  const event = raw as Record<string, unknown>;
  return buildEvidenceEvent({
    id: event.id,
    type: event.eventType,
    time: event.eventTime,
    field: (field) => event[field.dv],
    keyOf: (field) => field.dv,
    idKey: 'id',
    typeKey: 'eventType',
    timeKey: 'eventTime',
  });
}

/**
 * Converts one Deep Visibility event as `/dv/events` returns it (keys are the catalogue's
 * `dv` names, most values strings such as "True" or "1188").
 */
export function evidenceFromDvEvent(raw: unknown): EvidenceEvent {
  const outcome = convert(raw);
  if (outcome.ok) {
    return outcome.event;
  }
  throw new AnalysisError({
    code: 'EVIDENCE_DV_EVENT_INVALID',
    message: `Deep Visibility event ${outcome.id ?? '(no id)'} is malformed: ${outcome.problems
      .map((problem) => `${problem.path || '(event)'}: ${problem.message}`)
      .join('; ')}`,
    problems: outcome.problems,
  });
}

/** Converts a page of events, keeping the good ones and saying why the others were left out. */
export function evidenceFromDvEvents(raws: readonly unknown[]): {
  events: EvidenceEvent[];
  rejected: RejectedEvent[];
} {
  return convertEach(raws, convert);
}
