import { z } from 'zod';

import { type EvidenceEvent, evidenceFromDvEvents } from '../../tools/analysis/index.ts';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** An event as the SentinelOne read tools return it: id, type, time and DV-keyed fields. */
const ConsoleEvent = z.object({
  id: z.string(),
  type: z.string(),
  time: z.string(),
  agentUuid: z.string().nullable(),
  fields: z.record(z.string(), Scalar),
});

export const ConsoleEvents = z.object({ events: z.array(z.unknown()) });

/**
 * Turns the events a read tool returned into evidence for analysis, keeping the ones
 * that are well formed and counting the rest: a malformed event is the console's fault
 * and must not sink the case.
 */
export function evidenceFromConsoleEvents(raws: readonly unknown[]): {
  events: EvidenceEvent[];
  rejected: number;
} {
  let malformed = 0;
  const dv = raws.flatMap((raw) => {
    const parsed = ConsoleEvent.safeParse(raw);
    if (!parsed.success) {
      malformed += 1;
      return [];
    }
    const { id, type, time, agentUuid, fields } = parsed.data;
    return [{ ...fields, id, eventType: type, eventTime: time, agentUuid }];
  });
  const { events, rejected } = evidenceFromDvEvents(dv);

  return { events, rejected: malformed + rejected.length };
}
