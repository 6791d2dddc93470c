import { z } from 'zod';

const Rule = z.strictObject({
  prefix: z.string().startsWith('/'),
  exact: z.boolean().optional(),
  rps: z.number().positive(),
  burst: z.number().int().min(1),
});

export const FAULT_KINDS = ['error', 'timeout', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Seeded faults on a share of requests; the SentinelOne and ITSM simulators take the same. */
export const FaultOptions = z.strictObject({
  rate: z.number().min(0).max(1),
  kinds: z
    .array(z.enum(FAULT_KINDS))
    .min(1)
    .default([...FAULT_KINDS]),
  /** How long a `timeout` fault holds the response before giving up with a 504. */
  holdMs: z.number().int().min(1).default(120_000),
});

/**
 * Switches that make the simulator behave more like a console under load, all off by
 * default:
 * - `rateLimits`: `true` for the reference table, or custom rules;
 * - `latencyMs`: added to every response, fixed or drawn from a range;
 * - `faults`: a share of requests answers 500, hangs past any client timeout, or comes
 *   back as truncated JSON, drawn from a seeded generator so runs repeat;
 * - `ignoreAgentActions`: agent network actions answer as if done but change nothing.
 */
export const RealismOptions = z
  .strictObject({
    seed: z.number().int().default(1),
    rateLimits: z
      .union([z.boolean(), z.strictObject({ rules: z.array(Rule).min(1) })])
      .default(false),
    latencyMs: z
      .union([
        z.number().int().min(0),
        z
          .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) })
          .refine((range) => range.min <= range.max, 'latencyMs.min must not exceed latencyMs.max'),
      ])
      .optional(),
    faults: FaultOptions.extend({
      /** Only paths (under /web/api/v2.1) with one of these prefixes; all when absent. */
      paths: z.array(z.string().startsWith('/')).optional(),
    }).optional(),
    ignoreAgentActions: z.boolean().default(false),
  })
  .prefault({});
export type RealismOptions = z.infer<typeof RealismOptions>;
export type RealismOptionsInput = z.input<typeof RealismOptions>;
