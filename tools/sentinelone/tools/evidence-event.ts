import { z } from 'zod';

import { untrustedKeysOf } from '../../../policy/untrusted/untrusted-fields.ts';
import type { DvEvent } from '../schemas/dv-event.ts';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One piece of evidence as the agents see it: a Deep Visibility event with a stable id
 * to cite, its catalogue fields, and the names of the fields an attacker controls.
 */
export const EvidenceEvent = z.strictObject({
  id: z.string(),
  type: z.string(),
  time: z.string(),
  agentUuid: z.string().nullable(),
  fields: z.record(z.string(), Scalar),
  /** Keys of `fields` holding attacker-controlled text. */
  untrusted: z.array(z.string()),
});
export type EvidenceEvent = z.infer<typeof EvidenceEvent>;

export function toEvidenceEvent(event: DvEvent): EvidenceEvent {
  const { id, eventType, eventTime, agentUuid, ...rest } = event;
  const fields: Record<string, z.infer<typeof Scalar>> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (Scalar.safeParse(value).success) fields[key] = value as z.infer<typeof Scalar>;
  }

  return {
    id,
    type: eventType,
    time: eventTime,
    agentUuid: agentUuid ?? null,
    fields,
    untrusted: untrustedKeysOf(fields),
  };
}

/** JSON paths of the untrusted strings in a list of evidence events under `key`. */
export function untrustedEventPaths(key: string, events: readonly EvidenceEvent[]): string[] {
  return events.flatMap((event, index) =>
    event.untrusted.map((field) => `${key}[${index}].fields.${field}`),
  );
}
