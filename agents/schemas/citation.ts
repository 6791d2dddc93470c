import { z } from 'zod';

/** Event ids a claim rests on; a claim about telemetry cites at least one. */
export const Citations = z.array(z.string().min(1).max(64)).min(1).max(50);

/** Event ids where a claim may rest on console facts alone (then the list is empty). */
export const OptionalCitations = z.array(z.string().min(1).max(64)).max(50);

const Text = z.string().min(1).max(2_000);

/** A statement with the events that show it. */
export const CitedStatement = z.strictObject({
  text: Text,
  eventIds: Citations,
});
export type CitedStatement = z.infer<typeof CitedStatement>;
