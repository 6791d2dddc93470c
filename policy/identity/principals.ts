import { and, eq, ne, sql } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { type PrincipalRow, principals } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatIssuePath } from '../../tools/registry/format-issue-path.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { StoreHandle } from '../store-handle.ts';
import { isAgentIdentity } from './agent-identities.ts';
import { canonicalPrincipalId } from './canonical-principal-id.ts';
import { Principal } from './principal.ts';
import { PrincipalInputError } from './principal-input-error.ts';
import { PrincipalReservedError } from './principal-reserved-error.ts';
import { canApprove, isServiceIdentity, Role } from './role.ts';

/**
 * Adds a principal to a tenant, or changes its role and name, under its canonical id,
 * and audits the grant with who made it and the role before. Refuses any role for the
 * service identity and an approving role for an agent's name: either would let the
 * agents approve their own actions. Rows that spell the same id differently (stored
 * before ids were canonical) are folded into this one, and the audit names them.
 */
export function upsertPrincipal({
  db,
  clock,
  audit,
  grantedBy,
  principal,
}: {
  db: CasebookDb;
  clock: Clock;
  audit: AuditTrail;
  /** Who made the grant, as the audit shows it: a principal, or `os:<account>`. */
  grantedBy: string;
  principal: { tenantId: string; id: string; role: string; displayName?: string };
}): Principal {
  const role = Role.safeParse(principal.role);
  if (!role.success) {
    throw new PrincipalInputError(
      `role must be one of ${Role.options.join(', ')} (got ${JSON.stringify(principal.role)})`,
    );
  }
  const parsed = Principal.safeParse({
    ...principal,
    displayName: principal.displayName ?? canonicalPrincipalId(principal.id),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${formatIssuePath(issue.path)}: ${issue.message}`,
    );
    throw new PrincipalInputError(`invalid principal: ${problems.join('; ')}`);
  }

  const granted = parsed.data;
  if (isServiceIdentity(granted.id)) {
    throw new PrincipalReservedError('service_identity', granted.id, granted.role);
  }
  if (isAgentIdentity(granted.id) && canApprove(granted.role)) {
    throw new PrincipalReservedError('agent_identity', granted.id, granted.role);
  }

  return db.transaction(
    (tx) => {
      const now = clock.now();
      const spellings = rowsOf(tx, { tenantId: granted.tenantId, id: granted.id });
      const previous = authoritative(spellings, granted.id);
      const merged = spellings.map((row) => row.id).filter((id) => id !== granted.id);
      if (merged.length > 0) {
        tx.delete(principals)
          .where(
            and(
              eq(principals.tenantId, granted.tenantId),
              sameSpelling(granted.id),
              ne(principals.id, granted.id),
            ),
          )
          .run();
      }

      const row = tx
        .insert(principals)
        .values({ ...granted, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [principals.tenantId, principals.id],
          set: { role: granted.role, displayName: granted.displayName, updatedAt: now },
        })
        .returning()
        .get();

      audit.append(
        {
          tenantId: granted.tenantId,
          kind: 'principal.granted',
          actor: grantedBy,
          payload: {
            principalId: granted.id,
            role: granted.role,
            previousRole: previous?.role ?? null,
            displayName: granted.displayName,
            mayApprove: canApprove(granted.role),
            merged,
          },
        },
        { store: tx },
      );

      return toPrincipal(row);
    },
    { behavior: 'immediate' },
  );
}

/** The principal an id names, in whatever capitalisation or compatibility form. */
export function getPrincipal({
  store,
  tenantId,
  id,
}: {
  store: StoreHandle;
  tenantId: string;
  id: string;
}): Principal | undefined {
  const canonical = canonicalPrincipalId(id);
  const row = authoritative(rowsOf(store, { tenantId, id: canonical }), canonical);

  return row && toPrincipal(row);
}

/** A tenant's principals, one per person, by id. */
export function listPrincipals({
  db,
  tenantId,
}: {
  db: CasebookDb;
  tenantId: string;
}): Principal[] {
  const byId = new Map<string, PrincipalRow[]>();
  for (const row of db.select().from(principals).where(eq(principals.tenantId, tenantId)).all()) {
    const id = canonicalPrincipalId(row.id);
    byId.set(id, [...(byId.get(id) ?? []), row]);
  }

  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([id, rows]) => {
      const row = authoritative(rows, id);
      return row === undefined ? [] : [toPrincipal(row)];
    });
}

// Stored ids match the id pattern, which is ASCII, so SQL's ASCII-only lower() gives
// their canonical form; rows spelt before ids were canonical are found the same way.
function sameSpelling(canonical: string) {
  return sql`lower(${principals.id}) = ${canonical}`;
}

function rowsOf(store: StoreHandle, { tenantId, id }: { tenantId: string; id: string }) {
  return store
    .select()
    .from(principals)
    .where(and(eq(principals.tenantId, tenantId), sameSpelling(id)))
    .orderBy(principals.id)
    .all();
}

/**
 * Which of the rows spelling one id holds: the canonical row, which every grant since
 * ids became canonical writes; without one, the spelling that cannot approve, so an
 * old row can never widen what a person may do.
 */
function authoritative(rows: PrincipalRow[], canonical: string): PrincipalRow | undefined {
  const restrictive = rows.find((row) => {
    const role = Role.safeParse(row.role);
    return !role.success || !canApprove(role.data);
  });
  return rows.find((row) => row.id === canonical) ?? restrictive ?? rows[0];
}

function toPrincipal(row: PrincipalRow): Principal {
  return Principal.parse({
    tenantId: row.tenantId,
    id: row.id,
    role: row.role,
    displayName: row.displayName,
  });
}
