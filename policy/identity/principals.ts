import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { principals } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatIssuePath } from '../../tools/registry/format-issue-path.ts';
import type { StoreHandle } from '../store-handle.ts';
import { Principal } from './principal.ts';
import { PrincipalInputError } from './principal-input-error.ts';

/** Adds a principal to a tenant, or changes its role and name. */
export function upsertPrincipal({
  db,
  clock,
  principal,
}: {
  db: CasebookDb;
  clock: Clock;
  principal: { tenantId: string; id: string; role: string; displayName?: string };
}): Principal {
  const parsed = Principal.safeParse({
    ...principal,
    displayName: principal.displayName ?? principal.id,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${formatIssuePath(issue.path)}: ${issue.message}`,
    );
    throw new PrincipalInputError(`invalid principal: ${problems.join('; ')}`);
  }

  const now = clock.now();
  const row = db
    .insert(principals)
    .values({ ...parsed.data, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [principals.tenantId, principals.id],
      set: { role: parsed.data.role, displayName: parsed.data.displayName, updatedAt: now },
    })
    .returning()
    .get();

  return toPrincipal(row);
}

export function getPrincipal({
  store,
  tenantId,
  id,
}: {
  store: StoreHandle;
  tenantId: string;
  id: string;
}): Principal | undefined {
  const row = store
    .select()
    .from(principals)
    .where(and(eq(principals.tenantId, tenantId), eq(principals.id, id)))
    .get();

  return row && toPrincipal(row);
}

export function listPrincipals({
  db,
  tenantId,
}: {
  db: CasebookDb;
  tenantId: string;
}): Principal[] {
  return db
    .select()
    .from(principals)
    .where(eq(principals.tenantId, tenantId))
    .orderBy(principals.id)
    .all()
    .map(toPrincipal);
}

function toPrincipal(row: typeof principals.$inferSelect): Principal {
  return Principal.parse({
    tenantId: row.tenantId,
    id: row.id,
    role: row.role,
    displayName: row.displayName,
  });
}
