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

/** `waiting`: a note on a case that has no ticket yet; it is sent once one exists. */
export const OutboxState = z.enum([
  'pending',
  'delivered',
  'held',
  'failed_permanently',
  'waiting',
]);
export type OutboxState = z.infer<typeof OutboxState>;

export interface OutboxChange {
  /** The row's own id (the change's record id): what the outbox is keyed by. */
  id: string;
  /** The caller's change id (event id): unique per case, shown to people. */
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
