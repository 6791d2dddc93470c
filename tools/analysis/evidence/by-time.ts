import type { EvidenceEvent } from './evidence-event.ts';

/** Orders events by time, then id, so every analysis reads them in one repeatable order. */
export function byTime(a: EvidenceEvent, b: EvidenceEvent): number {
  return a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortedByTime(events: readonly EvidenceEvent[]): EvidenceEvent[] {
  return [...events].sort(byTime);
}
