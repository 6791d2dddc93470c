import { z } from 'zod';

import { BlastRadius } from '../../tools/registry/blast-radius.ts';
import { Verification } from '../../tools/registry/verification.ts';
import { CaseFacts } from '../case-facts.ts';
import { Role } from '../identity/role.ts';
import { PolicyDecision } from '../policy-decision.ts';
import { ToolEffect } from '../tool-effect.ts';

/**
 * - `pending`: waiting for approvers;
 * - `executing`: claimed by the final approval; casebook is running it (a crash here
 *   leaves it visible as executing, and it is never started a second time);
 * - `executed_verified`, `executed_unverified`: it ran, and the effect was or was not
 *   observed afterwards;
 * - `failed`: the call itself failed;
 * - `denied`, `expired`: it will never run.
 */
export const HeldActionStatus = z.enum([
  'pending',
  'executing',
  'executed_verified',
  'executed_unverified',
  'failed',
  'denied',
  'expired',
]);
export type HeldActionStatus = z.infer<typeof HeldActionStatus>;

export const ErrorSummary = z.strictObject({
  code: z.string(),
  fault: z.string(),
  message: z.string(),
});
export type ErrorSummary = z.infer<typeof ErrorSummary>;

/** What running a write produced; the same shape for held and directly allowed writes. */
export const ExecutionOutcome = z.strictObject({
  status: z.enum(['executed_verified', 'executed_unverified', 'failed']),
  /** sha256 of the canonical JSON of the tool's output; null when it failed. */
  resultDigest: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  verification: Verification.nullable(),
  error: ErrorSummary.nullable(),
});
export type ExecutionOutcome = z.infer<typeof ExecutionOutcome>;

export const ApprovalRecord = z.strictObject({
  principalId: z.string(),
  role: Role,
  decision: z.enum(['approve', 'deny']),
  /** The argument hash this decision was made on. */
  argsHash: z.string(),
  comment: z.string().nullable(),
  createdAt: z.number().int(),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

export const EditRecord = z.strictObject({
  principalId: z.string(),
  previousArgsHash: z.string(),
  argsHash: z.string(),
  createdAt: z.number().int(),
});
export type EditRecord = z.infer<typeof EditRecord>;

/** A write waiting for (or past) approval, bound to its exact arguments. */
export const HeldAction = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  caseId: z.string(),
  runId: z.string(),
  agentId: z.string(),
  requestedBy: z.string(),
  step: z.number().int().nullable(),
  tool: z.string(),
  effect: ToolEffect,
  args: z.record(z.string(), z.unknown()),
  /** sha256 of the canonical JSON of `args`; approvals name this hash. */
  argsHash: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.string(),
  decision: PolicyDecision,
  preview: BlastRadius,
  /** What policy knew of the case when it held the call; null for older actions. */
  facts: CaseFacts.nullable(),
  /** The console the call was asked on; approving elsewhere is refused. */
  consoleUrl: z.string().nullable(),
  approvalsRequired: z.number().int().positive(),
  /** Distinct approvers of the current arguments. */
  approvedBy: z.array(z.string()),
  status: HeldActionStatus,
  outcome: ExecutionOutcome.nullable(),
  approvals: z.array(ApprovalRecord),
  edits: z.array(EditRecord),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  updatedAt: z.number().int(),
  executedAt: z.number().int().nullable(),
});
export type HeldAction = z.infer<typeof HeldAction>;
