import { z } from 'zod';

import { RunStep } from '../../agents/run/run-step.ts';
import { FirstLook } from '../../agents/schemas/first-look.ts';
import { AuditEntry } from '../../policy/audit/audit-entry.ts';
import {
  ExecutionOutcome,
  HeldAction,
  HeldActionStatus,
} from '../../policy/held-actions/held-action.ts';
import { named } from '../openapi/named-schemas.ts';
import { RunFailureView, RunStatus } from '../runs/run-request.ts';

/**
 * The bodies the API reads and writes. Request bodies are strict: a field the API does
 * not know is refused rather than ignored.
 */

export const ThreatId = z
  .string()
  .regex(/^\d{1,20}$/, 'a SentinelOne threat id (digits)')
  .describe('A SentinelOne threat id: the case');

/** A case: a SentinelOne threat id, or a hunt promoted to a case (`hunt-<thread id>`). */
export const CaseId = z
  .string()
  .regex(/^(\d{1,20}|hunt-[A-Za-z0-9-]{1,120})$/, 'a threat id (digits) or hunt-<thread id>')
  .describe('A case: a SentinelOne threat id, or hunt-<thread id> for a promoted hunt');

export const Id = z.string().min(1).max(200);

export const NumberedStep = named(
  'RunStep',
  z.strictObject({ seq: z.number().int().positive(), ...RunStep.shape }),
);

export const RunView = named(
  'Run',
  z.strictObject({
    id: z.string(),
    caseId: z.string(),
    trigger: z.string(),
    status: RunStatus,
    /** Whose key asked for it, or `poller`; null for runs started from the CLI. */
    requestedBy: z.string().nullable(),
    queuedAt: z.number().int().nullable(),
    startedAt: z.number().int().nullable(),
    finishedAt: z.number().int().nullable(),
    failure: RunFailureView.nullable(),
    usage: z.strictObject({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
    eventsFetched: z.number().int(),
    steps: z.array(NumberedStep),
    firstLook: named('FirstLook', FirstLook).nullable(),
  }),
);
export type RunView = z.infer<typeof RunView>;

export const RunAccepted = named(
  'RunAccepted',
  z.strictObject({
    runId: z.string(),
    caseId: z.string(),
    status: RunStatus,
    /**
     * `created`: a new run was queued; `active`: the case's queued or running run
     * answers it; `idempotent`: the Idempotency-Key named this run before; `delivery`:
     * this webhook was delivered before.
     */
    outcome: z.enum(['created', 'active', 'idempotent', 'delivery']),
    links: z.strictObject({ run: z.string(), events: z.string(), case: z.string() }),
  }),
);
export type RunAccepted = z.infer<typeof RunAccepted>;

export const StartRunBody = z
  .strictObject({
    /** Ask the supervisor for a post-incident report as well. */
    report: z.boolean().default(false),
  })
  .describe('Optional: send {} or no body at all');

export const Draft = named(
  'Draft',
  z.strictObject({
    id: z.string(),
    runId: z.string(),
    kind: z.string(),
    status: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    heldActionId: z.string().nullable(),
    detail: z.string(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  }),
);

export const HeldActionView = named('HeldAction', HeldAction);

export const RunSummary = named(
  'RunSummary',
  z.strictObject({
    id: z.string(),
    trigger: z.string(),
    status: RunStatus,
    queuedAt: z.number().int().nullable(),
    startedAt: z.number().int().nullable(),
    finishedAt: z.number().int().nullable(),
  }),
);

export const CaseView = named(
  'Case',
  z.strictObject({
    caseId: z.string(),
    firstSeenAt: z.number().int().nullable(),
    updatedAt: z.number().int().nullable(),
    latestRunId: z.string().nullable(),
    verdict: z.string().nullable(),
    severity: z.string().nullable(),
    confidence: z.number().nullable(),
    headline: z.string().nullable(),
    /** The latest stored first look. */
    firstLook: FirstLook.nullable(),
    drafts: z.array(Draft),
    heldActions: z.array(HeldActionView),
    /** Newest first. */
    runs: z.array(RunSummary),
  }),
);
export type CaseView = z.infer<typeof CaseView>;

export const ActionList = z.strictObject({ actions: z.array(HeldActionView) });

export const ActionQuery = z.strictObject({
  status: HeldActionStatus.optional(),
  caseId: CaseId.optional(),
  runId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DecisionBody = z.strictObject({
  comment: z.string().max(2_000).optional(),
});

export const ApproveBody = z.strictObject({
  comment: z.string().max(2_000).optional(),
  /** The `argsHash` the approver read; the approval is refused if the action changed since. */
  argsHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest, as the action shows it')
    .optional(),
});

export const EditBody = z.strictObject({
  /** The new arguments, replacing the held ones; approvals of the old ones stop counting. */
  args: z.record(z.string(), z.unknown()),
  comment: z.string().max(2_000).optional(),
});

export const ApprovalView = named(
  'ApprovalResult',
  z.strictObject({
    action: HeldActionView,
    /** Distinct approvers of the current arguments, this one included. */
    approvals: z.number().int(),
    required: z.number().int(),
    /** True when this approval was the last one needed and casebook ran the action. */
    executed: z.boolean(),
    outcome: ExecutionOutcome.nullable(),
  }),
);

export const AuditQuery = z.strictObject({
  caseId: CaseId.optional(),
  runId: Id.optional(),
});

export const AuditList = z.strictObject({ entries: z.array(named('AuditEntry', AuditEntry)) });

export const AuditVerifyView = named(
  'AuditVerification',
  z.strictObject({
    ok: z.boolean(),
    entries: z.number().int(),
    headHash: z.string().nullable(),
    /** The first entry that does not match, e.g. `acme#42`, when `ok` is false. */
    problem: z
      .strictObject({ entry: z.string(), kind: z.string(), message: z.string() })
      .nullable(),
  }),
);

export const Liveness = z.strictObject({ status: z.literal('ok') });

export const Readiness = named(
  'Readiness',
  z.strictObject({
    status: z.enum(['ready', 'not_ready']),
    checks: z.strictObject({
      database: z.boolean(),
      migrations: z.boolean(),
      consoles: z.strictObject({
        total: z.number().int(),
        reachable: z.number().int(),
      }),
    }),
  }),
);
export type Readiness = z.infer<typeof Readiness>;
