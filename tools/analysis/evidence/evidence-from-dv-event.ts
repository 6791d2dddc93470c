import {
  convertEach,
  eventConverter,
  eventOrThrow,
  type RejectedEvent,
} from './build-evidence-event.ts';
import type { EvidenceEvent } from './evidence-event.ts';

export type { RejectedEvent };

const convert = eventConverter({
  idKey: 'id',
  typeKey: 'eventType',
  timeKey: 'eventTime',
  keyOf: (field) => field.dv,
});

/**
 * Converts one Deep Visibility event as `/dv/events` returns it (keys are the catalogue's
 * `dv` names, most values strings such as "True" or "1188").
 */
export function evidenceFromDvEvent(raw: unknown): EvidenceEvent {
  return eventOrThrow({
    outcome: convert(raw),
    code: 'EVIDENCE_DV_EVENT_INVALID',
    label: 'Deep Visibility event',
  });
}

/** Converts a page of events, keeping the good ones and saying why the others were left out. */
export function evidenceFromDvEvents(raws: readonly unknown[]): {
  events: EvidenceEvent[];
  rejected: RejectedEvent[];
} {
  return convertEach(raws, convert);
}
