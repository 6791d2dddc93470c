import { z } from 'zod';

import { CaseFacts } from '../case-facts.ts';

/**
 * Who is calling tools, on which case: fixed by the runtime when it hands an agent its
 * toolbox, never taken from the model. Audit entries and held actions carry these keys.
 */
export const RunContext = z.strictObject({
  /** The case: the SentinelOne threat id. */
  caseId: z.string().min(1),
  runId: z.string().min(1),
  agentId: z.string().min(1),
  facts: CaseFacts.prefault({}),
});
export type RunContext = z.infer<typeof RunContext>;
export type RunContextInput = z.input<typeof RunContext>;
