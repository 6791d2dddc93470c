import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import type { CasebookDb } from '../../db/open-database.ts';
import { type ApiKeyRow, apiKeys } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditTrail } from '../../policy/audit/audit-trail.ts';
import { isAgentIdentity } from '../../policy/identity/agent-identities.ts';
import { canonicalPrincipalId } from '../../policy/identity/canonical-principal-id.ts';
import { PrincipalId } from '../../policy/identity/principal.ts';
import { getPrincipal, upsertPrincipal } from '../../policy/identity/principals.ts';
import { isServiceIdentity } from '../../policy/identity/role.ts';
import { ApiKeyInputError } from './api-key-input-error.ts';
import { apiKeyId, generateApiKey, matchesApiKey } from './api-key-secret.ts';
import { ApiKeyRole, type AuthContext } from './auth-context.ts';

const TenantId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug');

/** An API key as lists show it: never the secret, never its hash. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  principalId: string;
  role: ApiKeyRole;
  name: string;
  createdBy: string;
  createdAt: number;
  revokedAt: number | null;
}

/**
 * Makes a key for a principal of a tenant and returns its secret, which is not stored
 * and cannot be shown again. A principal the tenant does not know yet is granted the
 * key's role (audited as any grant); one it knows must already hold that role, so a
 * key never changes what a person may do elsewhere. The agents' identities get no keys.
 */
export function createApiKey({
  db,
  clock,
  audit,
  tenantId,
  principalId,
  role,
  name,
  createdBy,
}: {
  db: CasebookDb;
  clock: Clock;
  audit: AuditTrail;
  tenantId: string;
  principalId: string;
  role: string;
  name?: string;
  createdBy: string;
}): { key: string; record: ApiKeyRecord } {
  const tenant = TenantId.safeParse(tenantId);
  if (!tenant.success) throw new ApiKeyInputError(`tenant "${tenantId}" is not a tenant id`);
  const parsedRole = ApiKeyRole.safeParse(role);
  if (!parsedRole.success) {
    throw new ApiKeyInputError(`role must be one of ${ApiKeyRole.options.join(', ')}`);
  }
  const id = PrincipalId.safeParse(principalId);
  if (!id.success) {
    throw new ApiKeyInputError(`"${principalId}" is not a principal id (a login or email)`);
  }
  const principal = id.data;
  if (isServiceIdentity(principal) || isAgentIdentity(principal)) {
    throw new ApiKeyInputError(
      `${principal} is an identity casebook's agents act as; it can never hold an API key`,
    );
  }

  const known = getPrincipal({ store: db, tenantId, id: principal });
  if (known !== undefined && known.role !== parsedRole.data) {
    throw new ApiKeyInputError(
      `${principal} is ${known.role} in tenant ${tenantId}; make the key with ` +
        `--role ${known.role}, or change the role first (casebook actions grant)`,
    );
  }
  if (known === undefined) {
    upsertPrincipal({
      db,
      clock,
      audit,
      grantedBy: createdBy,
      principal: { tenantId, id: principal, role: parsedRole.data },
    });
  }

  const generated = generateApiKey();
  const row = db
    .insert(apiKeys)
    .values({
      id: generated.id,
      tenantId,
      principalId: principal,
      role: parsedRole.data,
      name: name ?? `${principal} (${parsedRole.data})`,
      secretHash: generated.secretHash,
      createdBy,
      createdAt: clock.now(),
    })
    .returning()
    .get();

  return { key: generated.key, record: toRecord(row) };
}

/** Keys, newest first: one tenant's, or every tenant's. */
export function listApiKeys({
  db,
  tenantId,
}: {
  db: CasebookDb;
  tenantId?: string;
}): ApiKeyRecord[] {
  return db
    .select()
    .from(apiKeys)
    .where(tenantId === undefined ? undefined : eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt))
    .all()
    .map(toRecord);
}

/** Revokes a key of a tenant; its next request is refused. Revoking twice is refused. */
export function revokeApiKey({
  db,
  clock,
  tenantId,
  id,
}: {
  db: CasebookDb;
  clock: Clock;
  tenantId: string;
  id: string;
}): ApiKeyRecord {
  const row = db
    .update(apiKeys)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning()
    .get();
  if (row === undefined) {
    throw new ApiKeyInputError(`tenant ${tenantId} has no active key "${id}" (casebook keys list)`);
  }

  return toRecord(row);
}

/**
 * The caller a presented key stands for; undefined when it is malformed, unknown, revoked,
 * or its principal no longer holds the key's role.
 */
export function authenticateApiKey({
  db,
  key,
}: {
  db: CasebookDb;
  key: string;
}): AuthContext | undefined {
  const id = apiKeyId(key);
  if (id === undefined) return undefined;

  const row = db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (row === undefined || row.revokedAt !== null || !matchesApiKey(key, row.secretHash)) {
    return undefined;
  }
  const role = ApiKeyRole.safeParse(row.role);
  if (!role.success) return undefined;

  // A key acts with its principal's role as it is now: demoting a person (or removing
  // them) takes their keys' rights away at once, rather than leaving a key that outranks them.
  const principal = getPrincipal({ store: db, tenantId: row.tenantId, id: row.principalId });
  if (principal === undefined || principal.role !== role.data) return undefined;

  return {
    keyId: row.id,
    tenantId: row.tenantId,
    principalId: canonicalPrincipalId(row.principalId),
    role: role.data,
  };
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    principalId: row.principalId,
    role: ApiKeyRole.parse(row.role),
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
