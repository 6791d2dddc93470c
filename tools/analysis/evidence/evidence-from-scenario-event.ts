import {
  convertEach,
  eventConverter,
  eventOrThrow,
  type RejectedEvent,
} from './build-evidence-event.ts';
import type { EvidenceEvent } from './evidence-event.ts';

const convert = eventConverter({
  idKey: 'event.id',
  typeKey: 'event.type',
  timeKey: 'event.time',
  keyOf: (field) => field.v2,
});

/** Converts one scenario event (keys are the catalogue's dotted `v2` names). */
export function evidenceFromScenarioEvent(raw: unknown): EvidenceEvent {
  return eventOrThrow({
    outcome: convert(raw),
    code: 'EVIDENCE_SCENARIO_EVENT_INVALID',
    label: 'scenario event',
  });
}

/** Converts a scenario's events, keeping the good ones and saying why the others were left out. */
export function evidenceFromScenarioEvents(raws: readonly unknown[]): {
  events: EvidenceEvent[];
  rejected: RejectedEvent[];
} {
  return convertEach(raws, convert);
}
