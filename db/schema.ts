import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
