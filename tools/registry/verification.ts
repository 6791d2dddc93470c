import { z } from 'zod';

/**
 * Whether an executed write really took effect, as the system of record reports it
 * afterwards (the endpoint's networkStatus, the note in the list). `observed` is what
 * the check saw, kept for the audit.
 */
export const Verification = z.strictObject({
  verified: z.boolean(),
  detail: z.string().min(1),
  observed: z.unknown().optional(),
});
export type Verification = z.infer<typeof Verification>;
