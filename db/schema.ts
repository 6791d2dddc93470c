import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * A tenant is one customer's SentinelOne console. The token is never stored: only a
 * reference to where it lives (`env:NAME` or `file:/path`).
 */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  consoleUrl: text('console_url').notNull(),
  tokenRef: text('token_ref').notNull(),
  /** Epoch milliseconds, from the injected clock. */
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type TenantRow = typeof tenants.$inferSelect;

/**
 * People and identities of a tenant and what they may do with held actions (see
 * `policy/identity/role.ts`). The agents' own service identity is a row too.
 */
export const principals = sqliteTable(
  'principals',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    role: text('role').notNull(),
    displayName: text('display_name').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.id] })],
);

export type PrincipalRow = typeof principals.$inferSelect;

/**
 * A write the policy gate held for approval, bound to the exact arguments: the
 * canonical JSON is what runs, its sha256 is what approvals name. `status` moves
 * pending -> executing -> executed_verified | executed_unverified | failed, or
 * pending -> denied | expired; only the move out of pending is contested, and it is
 * a single conditional UPDATE so one writer wins.
 */
export const heldActions = sqliteTable(
  'held_actions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** The case: the SentinelOne threat id the run worked on. */
    caseId: text('case_id').notNull(),
    runId: text('run_id').notNull(),
    agentId: text('agent_id').notNull(),
    /** The principal the agents ran as when they asked. */
    requestedBy: text('requested_by').notNull(),
    step: integer('step'),
    tool: text('tool').notNull(),
    effect: text('effect').notNull(),
    argsJson: text('args_json').notNull(),
    argsHash: text('args_hash').notNull(),
    /** The model's stated reason for the call. */
    reason: text('reason').notNull(),
    decisionJson: text('decision_json').notNull(),
    previewJson: text('preview_json').notNull(),
    /** The case facts policy decided on; an edit is decided again on them. Null before 0007. */
    factsJson: text('facts_json'),
    /** Origin of the console the agents asked on; the action runs there or not at all. */
    consoleUrl: text('console_url'),
    approvalsRequired: integer('approvals_required').notNull(),
    status: text('status').notNull(),
    /** Execution result digest, verification or error; null until it ran. */
    outcomeJson: text('outcome_json'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    executedAt: integer('executed_at'),
  },
  (table) => [
    index('held_actions_tenant_status').on(table.tenantId, table.status, table.createdAt),
    index('held_actions_tenant_case').on(table.tenantId, table.caseId),
    index('held_actions_tenant_hash').on(table.tenantId, table.argsHash),
  ],
);

export type HeldActionRow = typeof heldActions.$inferSelect;

/**
 * One person's decision on a held action, bound to the argument hash they saw. An
 * edit changes the hash, so approvals of the old arguments stop counting. The unique
 * index is what makes "the same person cannot count twice" hold across processes.
 */
export const approvals = sqliteTable(
  'approvals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    heldActionId: text('held_action_id')
      .notNull()
      .references(() => heldActions.id),
    tenantId: text('tenant_id').notNull(),
    principalId: text('principal_id').notNull(),
    role: text('role').notNull(),
    decision: text('decision').notNull(),
    argsHash: text('args_hash').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('approvals_once_per_person').on(
      table.heldActionId,
      table.principalId,
      table.argsHash,
    ),
  ],
);

export type ApprovalRow = typeof approvals.$inferSelect;

/** An edit-then-approve: the arguments before and after, with both hashes. */
export const heldActionEdits = sqliteTable('held_action_edits', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  heldActionId: text('held_action_id')
    .notNull()
    .references(() => heldActions.id),
  tenantId: text('tenant_id').notNull(),
  principalId: text('principal_id').notNull(),
  previousArgsJson: text('previous_args_json').notNull(),
  previousArgsHash: text('previous_args_hash').notNull(),
  argsJson: text('args_json').notNull(),
  argsHash: text('args_hash').notNull(),
  createdAt: integer('created_at').notNull(),
});

export type HeldActionEditRow = typeof heldActionEdits.$inferSelect;

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE), one hash chain per
 * tenant. `hash` covers every other column of the row, `prev_hash` is the hash of the
 * tenant's previous entry, so changing, removing or reordering rows breaks the chain.
 */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    tenantId: text('tenant_id').notNull(),
    /** 1, 2, 3... per tenant, without gaps. */
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    caseId: text('case_id'),
    runId: text('run_id'),
    step: integer('step'),
    /** Who acted: an agent id for tool calls, a principal for decisions. */
    actor: text('actor'),
    /** Canonical JSON, already redacted. */
    payloadJson: text('payload_json').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.seq] }),
    index('audit_entries_tenant_case').on(table.tenantId, table.caseId),
    index('audit_entries_tenant_run').on(table.tenantId, table.runId),
  ],
);

export type AuditEntryRow = typeof auditEntries.$inferSelect;

/**
 * A case: one SentinelOne threat of a tenant, as casebook has seen it. The latest run's
 * verdict is kept here so lists need no join; the findings themselves are in `findings`.
 */
export const cases = sqliteTable(
  'cases',
  {
    tenantId: text('tenant_id').notNull(),
    /** The SentinelOne threat id. */
    id: text('id').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    latestRunId: text('latest_run_id'),
    /** Of the latest stored first look; null until one is stored. */
    verdict: text('verdict'),
    severity: text('severity'),
    confidence: real('confidence'),
    headline: text('headline'),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.id] })],
);

export type CaseRow = typeof cases.$inferSelect;

/**
 * One analysis of a case. `status` moves running -> succeeded | failed; a failed run
 * keeps its reason and its steps, and never a finding.
 */
export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    /** What started it: `cli`, `demo`, `api`, `webhook`, `bench`, `test`. */
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    /** Model id per agent, as configured for the run. */
    modelsJson: text('models_json').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /** `{ stage, code, fault, message, agentId?, tool? }` for a failed run. */
    failureJson: text('failure_json'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    eventsFetched: integer('events_fetched').notNull().default(0),
  },
  (table) => [index('runs_tenant_case').on(table.tenantId, table.caseId, table.startedAt)],
);

export type RunRow = typeof runs.$inferSelect;

/** What a run did, step by step, written as it happens. */
export const runSteps = sqliteTable(
  'run_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    tenantId: text('tenant_id').notNull(),
    /** 1, 2, 3... within the run. */
    seq: integer('seq').notNull(),
    agentId: text('agent_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    detail: text('detail').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
  },
  (table) => [uniqueIndex('run_steps_run_seq').on(table.runId, table.seq)],
);

export type RunStepRow = typeof runSteps.$inferSelect;

/**
 * A stored finding: the first look of a run (kind `first_look`), whose citations were
 * checked against the events the run fetched before it was written.
 */
export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    kind: text('kind').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    verdict: text('verdict'),
    confidence: real('confidence'),
    severity: text('severity'),
    json: text('json').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('findings_tenant_case').on(table.tenantId, table.caseId, table.createdAt)],
);

export type FindingRow = typeof findings.$inferSelect;

/**
 * Text casebook wrote for people: the customer notification (always a draft until an
 * approved action sends it) and the case note (posted, held or denied by policy).
 */
export const drafts = sqliteTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    /** `notification` or `case_note`. */
    kind: text('kind').notNull(),
    /** `draft`, `pending`, `posted`, `held`, `denied`, `failed`, `skipped`. */
    status: text('status').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** The held action, when policy held the post. */
    heldActionId: text('held_action_id'),
    detail: text('detail').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('drafts_tenant_case').on(table.tenantId, table.caseId, table.kind)],
);

export type DraftRow = typeof drafts.$inferSelect;
export * from './schema/hunting.ts';
export * from './schema/itsm.ts';
export * from './schema/server.ts';
