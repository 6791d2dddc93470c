import { z } from 'zod';

/**
 * One step of a run as it is recorded: a tool call, a delegation to a specialist, the
 * check of an answer, the citation check, storing, posting the note. Steps are written as
 * they happen, so a run that fails or crashes still shows how far it got.
 */
export const RunStep = z.strictObject({
  agentId: z.string().min(1),
  kind: z.enum(['tool', 'delegation', 'validation', 'citations', 'store', 'note', 'budget']),
  name: z.string().min(1),
  status: z.enum(['ok', 'failed', 'held', 'denied', 'skipped', 'repaired', 'rejected']),
  /** A short reason or outcome a person can read. */
  detail: z.string().max(2_000).default(''),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
});
export type RunStep = z.infer<typeof RunStep>;
export type RunStepInput = z.input<typeof RunStep>;

export interface RunStepSink {
  record(step: RunStep): void;
}
