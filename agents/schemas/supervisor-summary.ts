import { z } from 'zod';

import { SPECIALISTS } from '../agent-id.ts';

/** The supervisor's own answer, once its specialists are done. */
export const SupervisorSummary = z.strictObject({
  caseId: z.string().min(1),
  /** One line an analyst reads first. */
  headline: z.string().min(1).max(300),
  summary: z.string().min(1).max(4_000),
  delegated: z.array(z.enum(SPECIALISTS)).max(8),
  openQuestions: z.array(z.string().min(1).max(500)).max(10),
});
export type SupervisorSummary = z.infer<typeof SupervisorSummary>;
