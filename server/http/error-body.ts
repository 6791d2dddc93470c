import { z } from 'zod';

/** The body of every error the API answers with. */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    /** Stable and machine-readable, e.g. `NOT_FOUND`, `APPROVAL_REFUSED`. */
    code: z.string(),
    message: z.string(),
    /** Who has to act: `user` (the caller), `config`, `upstream` or `system`. */
    fault: z.enum(['user', 'config', 'upstream', 'system']),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
