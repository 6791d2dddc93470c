import { z } from 'zod';

/**
 * What a write would touch, computed before policy decides and shown to approvers:
 * the endpoints it changes, the threats (cases) it edits and the tickets it opens.
 */
export const BlastRadius = z.strictObject({
  summary: z.string().min(1),
  endpoints: z
    .array(
      z.strictObject({
        id: z.string(),
        computerName: z.string().nullable(),
        networkStatus: z.string().nullable(),
        /** The endpoint's console tags; policy's `assetTags` conditions read them. */
        tags: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  threats: z
    .array(
      z.strictObject({
        id: z.string(),
        threatName: z.string().nullable(),
        agentId: z.string().nullable(),
      }),
    )
    .default([]),
  tickets: z.array(z.strictObject({ system: z.string(), id: z.string() })).default([]),
});
export type BlastRadius = z.infer<typeof BlastRadius>;
export type BlastRadiusInput = z.input<typeof BlastRadius>;
