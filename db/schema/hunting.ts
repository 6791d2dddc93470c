import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A hunter's conversation with the hunting agent. It keeps the query the thread stands on
 * now, so a follow-up edits that query instead of starting over.
 */
export const huntThreads = sqliteTable(
  'hunt_threads',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    hunterId: text('hunter_id').notNull(),
    title: text('title').notNull(),
    /** Canonical S1QL 1.0 text of the current query; null until one validated. */
    currentQuery: text('current_query'),
    /** The intent the current query was built for (`process`, `dns`...). */
    currentIntent: text('current_intent'),
    /** `{ fromMs, toMs, label }` of the current query. */
    currentWindowJson: text('current_window_json'),
    /** `process` or `parent`: what the results are counted by. */
    focus: text('focus').notNull().default('process'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('hunt_threads_tenant_hunter').on(table.tenantId, table.hunterId, table.updatedAt),
  ],
);

export type HuntThreadRow = typeof huntThreads.$inferSelect;

/**
 * One turn of a thread: the hunter's words (`hunter`), or the agent's answer (`agent`)
 * with the query it ran, its explanation and the summary of what came back.
 */
export const huntMessages = sqliteTable(
  'hunt_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: text('thread_id')
      .notNull()
      .references(() => huntThreads.id),
    tenantId: text('tenant_id').notNull(),
    /** 1, 2, 3... within the thread. */
    seq: integer('seq').notNull(),
    role: text('role').notNull(),
    text: text('text').notNull(),
    query: text('query'),
    explanation: text('explanation'),
    /** `{ fromMs, toMs, label }` the query ran over. */
    windowJson: text('window_json'),
    /** The results summary (counts, outliers, cited event ids), as JSON. */
    summaryJson: text('summary_json'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('hunt_messages_thread_seq').on(table.threadId, table.seq)],
);

export type HuntMessageRow = typeof huntMessages.$inferSelect;

/** A hunt turned into a case: the thread, every query it ran and the evidence it cited. */
export const promotedHunts = sqliteTable(
  'promoted_hunts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    threadId: text('thread_id')
      .notNull()
      .references(() => huntThreads.id),
    /** The case row it became (`cases.id`). */
    caseId: text('case_id').notNull(),
    hunterId: text('hunter_id').notNull(),
    title: text('title').notNull(),
    /** `[{ query, fromMs, toMs }]` in the order they ran. */
    queriesJson: text('queries_json').notNull(),
    /** Cited Deep Visibility event ids. */
    eventIdsJson: text('event_ids_json').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('promoted_hunts_tenant_case').on(table.tenantId, table.caseId)],
);

export type PromotedHuntRow = typeof promotedHunts.$inferSelect;
