import { z } from 'zod';

import { CaseStatus } from '../case-status.ts';

/** What an outbox row asks for, by kind. */
export const OutboxPayload = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    status: CaseStatus,
    by: z.string().min(1),
    note: z.string().max(10_000).nullable(),
    at: z.number().int(),
  }),
  z.strictObject({
    kind: z.literal('note'),
    by: z.string().min(1),
    text: z.string().min(1).max(30_000),
    at: z.number().int(),
  }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayload>;

export const OutboxState = z.enum(['pending', 'delivered', 'held', 'failed_permanently']);
export type OutboxState = z.infer<typeof OutboxState>;

export interface OutboxChange {
  changeId: string;
  tenantId: string;
  caseId: string;
  targetSystem: 'servicenow' | 'jira';
  payload: OutboxPayload;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  heldActionId: string | null;
  createdAt: number;
  updatedAt: number;
}
