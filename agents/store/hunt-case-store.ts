import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { promotedHunts } from '../../db/schema.ts';
import { HuntCase } from '../evidence/hunt-case.ts';

/**
 * The promoted hunt behind a case id, as the agents analyse it, or undefined when no hunt
 * of this tenant became that case. A stored row that no longer fits the contract throws:
 * the database is casebook's own, so that is casebook's fault, not the hunter's.
 */
export function readHuntCase({
  db,
  tenantId,
  caseId,
}: {
  db: CasebookDb;
  tenantId: string;
  caseId: string;
}): HuntCase | undefined {
  const row = db
    .select()
    .from(promotedHunts)
    .where(and(eq(promotedHunts.tenantId, tenantId), eq(promotedHunts.caseId, caseId)))
    .get();
  if (row === undefined) return undefined;

  return HuntCase.parse({
    caseId: row.caseId,
    title: row.title,
    hunterId: row.hunterId,
    threadId: row.threadId,
    createdAt: new Date(row.createdAt).toISOString(),
    queries: JSON.parse(row.queriesJson),
    eventIds: JSON.parse(row.eventIdsJson),
  });
}
