import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * An HTTP API key. The secret is shown once when the key is made and only its sha256
 * is kept; `id` is the key's public prefix, so a request finds its row without a scan.
 * The holder is `principalId` of `tenantId`, with `role`; approvals are recorded under
 * that principal. A revoked key stays, so lists show who had access and until when.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    principalId: text('principal_id').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    /** sha256 hex of the whole key. */
    secretHash: text('secret_hash').notNull(),
    /** Who made it: `os:<account>` for the CLI. */
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (table) => [index('api_keys_tenant').on(table.tenantId, table.createdAt)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * A run asked for over HTTP, by a webhook or by the poller, as the queue sees it:
 * `queued -> running -> succeeded | failed`. Its id is the id of the run it becomes in
 * `runs`. The partial unique index is what keeps one active run per case, across
 * processes: a second request for a case with a queued or running run joins it.
 */
export const runRequests = sqliteTable(
  'run_requests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    /** `api`, `webhook` or `poller`. */
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    /** The principal whose key asked, or `poller`. */
    requestedBy: text('requested_by').notNull(),
    /** Ask for the post-incident report too. */
    report: integer('report', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    /** `{ stage, code, fault, message }` when the queue, not the run, records a failure. */
    failureJson: text('failure_json'),
  },
  (table) => [
    uniqueIndex('run_requests_one_active')
      .on(table.tenantId, table.caseId)
      .where(sql`status in ('queued', 'running')`),
    index('run_requests_status').on(table.status, table.createdAt),
    index('run_requests_tenant_case').on(table.tenantId, table.caseId, table.createdAt),
  ],
);

export type RunRequestRow = typeof runRequests.$inferSelect;

/**
 * An `Idempotency-Key` a principal sent with a run request, with the hash of what it
 * asked for: the same key and request give the same run, the same key with another
 * request is refused.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    runId: text('run_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.principalId, table.key] })],
);

/**
 * A webhook delivery, keyed by the hash of its canonical body: the same notice
 * delivered again answers with the run it started instead of starting another.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    tenantId: text('tenant_id').notNull(),
    deliveryKey: text('delivery_key').notNull(),
    threatId: text('threat_id').notNull(),
    runId: text('run_id').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.deliveryKey] })],
);

/**
 * Signatures of webhooks accepted within the freshness window. A signature seen twice
 * is a replay; rows older than the window are pruned, as a stale timestamp is refused
 * before its signature is looked up.
 */
export const webhookSignatures = sqliteTable(
  'webhook_signatures',
  {
    signature: text('signature').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (table) => [index('webhook_signatures_seen').on(table.seenAt)],
);

/** Where the poller stopped for a tenant: the newest threat `createdAt` it enqueued. */
export const pollerCursors = sqliteTable('poller_cursors', {
  tenantId: text('tenant_id').primaryKey(),
  createdAfter: text('created_after').notNull(),
  polledAt: integer('polled_at').notNull(),
});
