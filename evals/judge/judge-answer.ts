import { z } from 'zod';

/** What the judge must answer, checked before a grade counts. */
export const JudgeAnswer = z.strictObject({
  /** 0 (misleading or empty) to 1 (every fact stated, nothing unsupported). */
  grade: z.number().min(0).max(1),
  /** Ids of the facts the notification states. */
  coveredFacts: z.array(z.string().max(60)).max(100),
  /** Statements the facts do not support. */
  unsupportedClaims: z.array(z.string().max(500)).max(20),
  reason: z.string().max(2_000),
});
export type JudgeAnswer = z.infer<typeof JudgeAnswer>;
