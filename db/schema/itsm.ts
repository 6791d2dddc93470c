import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * Every status an analyst gave a case (resolved, it-action, reopened), in order. The
 * row and its outbox changes commit together, so a recorded status is always synced.
 */
export const caseStatusHistory = sqliteTable(
  'case_status_history',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    status: text('status').notNull(),
    /** The principal who set it. */
    setBy: text('set_by').notNull(),
    note: text('note'),
    at: integer('at').notNull(),
  },
  (table) => [index('case_status_history_case').on(table.tenantId, table.caseId, table.at)],
);

export type CaseStatusHistoryRow = typeof caseStatusHistory.$inferSelect;

/**
 * The change ids (event ids) of a case, each naming one recorded change: the
 * idempotency key is (tenant, case, change id), so one id on two cases is two changes,
 * and a replay of the same change finds its row. `record_id` is the change's own id
 * (its status history row, its case note, its outbox row).
 */
export const caseChangeKeys = sqliteTable(
  'case_change_keys',
  {
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    changeKey: text('change_key').notNull(),
    /** `status` or `note`. */
    kind: text('kind').notNull(),
    recordId: text('record_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.caseId, table.changeKey] })],
);

export type CaseChangeKeyRow = typeof caseChangeKeys.$inferSelect;

/**
 * Changes waiting to reach an ITSM. `state` moves pending -> delivered | held |
 * failed_permanently | waiting; a pending row whose attempt failed stays pending with a later
 * `next_attempt_at`; a note on a case without a ticket waits (`waiting`) until a ticket
 * exists. `id` is the change's record id; `change_id` the caller's id, unique per case.
 */
export const itsmOutbox = sqliteTable(
  'itsm_outbox',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    /** `servicenow` or `jira`. */
    targetSystem: text('target_system').notNull(),
    /** `status` (a case status to mirror) or `note` (a case note to copy). */
    kind: text('kind').notNull(),
    payloadJson: text('payload_json').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** The held action, when policy held one of the change's writes. */
    heldActionId: text('held_action_id'),
    /** A worker's claim on the row, so two workers never send the same change at once. */
    leaseUntil: integer('lease_until'),
    /** Who holds the lease: only that claim may settle the row. */
    leaseToken: text('lease_token'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('itsm_outbox_due').on(table.state, table.nextAttemptAt),
    index('itsm_outbox_case').on(table.tenantId, table.caseId, table.createdAt),
    uniqueIndex('itsm_outbox_change').on(table.tenantId, table.caseId, table.changeId),
  ],
);

export type ItsmOutboxRow = typeof itsmOutbox.$inferSelect;

/** The ticket of a case on a system: one per (tenant, case, system). */
export const ticketLinks = sqliteTable(
  'ticket_links',
  {
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    system: text('system').notNull(),
    /** sys_id or Jira issue id. */
    externalId: text('external_id').notNull(),
    /** INC0010002 or SEC-12. */
    externalKey: text('external_key').notNull(),
    correlationId: text('correlation_id').notNull(),
    /** Newest ticket comment already copied into casebook (epoch ms). */
    notesSyncedAt: integer('notes_synced_at').notNull().default(0),
    /**
     * False from the moment casebook created the ticket until its correlation marks
     * (labels, issue property) are on it: a retry completes this ticket, never makes one.
     */
    ready: integer('ready', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('ticket_links_case').on(table.tenantId, table.caseId, table.system),
    uniqueIndex('ticket_links_correlation').on(table.system, table.correlationId),
  ],
);

export type TicketLinkRow = typeof ticketLinks.$inferSelect;

/**
 * Notes on a case: ticket comments and work notes people wrote in the ITSM (untrusted
 * text, stored once per ticket note), and notes analysts wrote in casebook (`source`
 * `casebook`, keyed by the change that copies them to the ticket).
 */
export const caseNotes = sqliteTable(
  'case_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    /** `servicenow`, `jira` or `casebook`. */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    internal: integer('internal', { mode: 'boolean' }).notNull(),
    writtenAt: integer('written_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('case_notes_external').on(table.tenantId, table.source, table.externalId),
    index('case_notes_case').on(table.tenantId, table.caseId, table.writtenAt),
  ],
);

export type CaseNoteRow = typeof caseNotes.$inferSelect;

/**
 * The ticket notes casebook posted itself, by the id the ITSM gave them: how the pull
 * of ticket notes tells casebook's own notes from people's, whatever their text says.
 */
export const sentTicketNotes = sqliteTable(
  'sent_ticket_notes',
  {
    tenantId: text('tenant_id').notNull(),
    system: text('system').notNull(),
    noteId: text('note_id').notNull(),
    caseId: text('case_id').notNull(),
    /** The outbox change that posted it. */
    changeId: text('change_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.system, table.noteId] })],
);
