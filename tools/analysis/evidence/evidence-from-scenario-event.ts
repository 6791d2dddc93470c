import { AnalysisError } from '../analysis-error.ts';
import {
  type BuildOutcome,
  buildEvidenceEvent,
  convertEach,
  type RejectedEvent,
} from './build-evidence-event.ts';
import type { EvidenceEvent } from './evidence-event.ts';

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
    id: event['event.id'],
    type: event['event.type'],
    time: event['event.time'],
    field: (field) => event[field.v2],
    keyOf: (field) => field.v2,
    idKey: 'event.id',
    typeKey: 'event.type',
    timeKey: 'event.time',
  });
}

/** Converts one scenario event (keys are the catalogue's dotted `v2` names). */
export function evidenceFromScenarioEvent(raw: unknown): EvidenceEvent {
  const outcome = convert(raw);
  if (outcome.ok) {
    return outcome.event;
  }
  throw new AnalysisError({
    code: 'EVIDENCE_SCENARIO_EVENT_INVALID',
    message: `scenario event ${outcome.id ?? '(no id)'} is malformed: ${outcome.problems
      .map((problem) => `${problem.path || '(event)'}: ${problem.message}`)
      .join('; ')}`,
    problems: outcome.problems,
  });
}

/** Converts a scenario's events, keeping the good ones and saying why the others were left out. */
export function evidenceFromScenarioEvents(raws: readonly unknown[]): {
  events: EvidenceEvent[];
  rejected: RejectedEvent[];
} {
  return convertEach(raws, convert);
}
