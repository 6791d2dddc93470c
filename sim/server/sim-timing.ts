import { z } from 'zod';

/**
 * How long simulated work takes, on the injected clock. These are behaviour, not realism
 * switches: a Deep Visibility query always reports RUNNING for a while and a network
 * change always passes through `disconnecting`, so clients must poll like they would
 * against a console.
 */
export const SimTiming = z
  .strictObject({
    dvQueryRunningMs: z.number().int().min(0).default(1_500),
    networkChangeMs: z.number().int().min(0).default(3_000),
    /** Deep Visibility queries and their results are dropped this long after creation. */
    dvQueryTtlMs: z.number().int().min(1_000).default(3_600_000),
  })
  .prefault({});
export type SimTiming = z.infer<typeof SimTiming>;
export type SimTimingInput = z.input<typeof SimTiming>;
