import { eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { pollerCursors } from '../../db/schema.ts';

export function readPollerCursor(db: CasebookDb, tenantId: string): string | undefined {
  return db.select().from(pollerCursors).where(eq(pollerCursors.tenantId, tenantId)).get()
    ?.createdAfter;
}

export function savePollerCursor(
  db: CasebookDb,
  { tenantId, createdAfter, now }: { tenantId: string; createdAfter: string; now: number },
): void {
  db.insert(pollerCursors)
    .values({ tenantId, createdAfter, polledAt: now })
    .onConflictDoUpdate({ target: pollerCursors.tenantId, set: { createdAfter, polledAt: now } })
    .run();
}
