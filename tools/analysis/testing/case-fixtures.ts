import type { GroundTruth } from '../../../sim/scenario.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';

/** Events the ground truth needs: those of its malicious processes, and their creations. */
export function maliciousEventIds(events: readonly EvidenceEvent[], truth: GroundTruth): string[] {
  const malicious = new Set(truth.maliciousProcessUids);
  return events
    .filter(
      (event) =>
        malicious.has(event.process.uid ?? '') ||
        (event.type === 'Process Creation' && malicious.has(event.target.process?.uid ?? '')),
    )
    .map((event) => event.id);
}

/**
 * Grows a case to `size` events by replaying its other events with new ids, new process
 * uids and later times: the same shape of background noise a busy endpoint adds, while
 * the malicious events stay exactly as they were.
 */
export function inflateCase(
  events: readonly EvidenceEvent[],
  keep: ReadonlySet<string>,
  size: number,
): EvidenceEvent[] {
  const background = events.filter((event) => !keep.has(event.id));
  const grown = [...events];
  for (let round = 1; grown.length < size && background.length > 0; round += 1) {
    for (const event of background) {
      if (grown.length >= size) break;
      const uid = event.process.uid === undefined ? {} : { uid: `${event.process.uid}-${round}` };
      grown.push({
        ...event,
        id: `${event.id}-r${round}`,
        time: event.time + round * 1_000,
        process: { ...event.process, ...uid },
      });
    }
  }
  return grown;
}

/** A ground-truth technique is found when mapped exactly, or a sub-technique of it is. */
export function techniqueFound(found: readonly string[], wanted: string): boolean {
  return (
    found.includes(wanted) ||
    (!wanted.includes('.') && found.some((id) => id.startsWith(`${wanted}.`)))
  );
}

/** The same, also counting the parent of a wanted sub-technique (`T1055` for `T1055.003`). */
export function techniqueFoundLeniently(found: readonly string[], wanted: string): boolean {
  return techniqueFound(found, wanted) || found.includes(wanted.split('.')[0] ?? wanted);
}

export function iocKey(ioc: { type: string; value: string }): string {
  const exact = ioc.type === 'path' || ioc.type === 'url';
  return `${ioc.type}:${exact ? ioc.value : ioc.value.toLowerCase()}`;
}
