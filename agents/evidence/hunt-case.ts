import { z } from 'zod';

/** A promoted hunt's case id: `hunt-<thread id>`. */
export const HUNT_CASE_ID = /^hunt-[A-Za-z0-9][A-Za-z0-9-]{0,120}$/;

export function isHuntCaseId(caseId: string): boolean {
  return HUNT_CASE_ID.test(caseId);
}

/** One validated query the hunt ran, with the window it ran over (epoch ms). */
export const HuntCaseQuery = z.strictObject({
  query: z.string().min(1),
  fromMs: z.number().int(),
  toMs: z.number().int(),
});
export type HuntCaseQuery = z.infer<typeof HuntCaseQuery>;

/**
 * A hunt a hunter promoted to a case. It has no console threat: its evidence is the
 * events its summaries cited, which a run fetches again by re-running its queries.
 */
export const HuntCase = z.strictObject({
  caseId: z.string().regex(HUNT_CASE_ID),
  title: z.string().min(1),
  hunterId: z.string().min(1),
  threadId: z.string().min(1),
  createdAt: z.string(),
  queries: z.array(HuntCaseQuery).min(1),
  eventIds: z.array(z.string().min(1)),
});
export type HuntCase = z.infer<typeof HuntCase>;
