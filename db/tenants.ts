import { eq } from 'drizzle-orm';

import type { TenantConfig } from '../config/config-schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { CasebookDb } from './open-database.ts';
import { type TenantRow, tenants } from './schema.ts';

export const DEFAULT_TENANT_ID = 'default';

/** Inserts the tenant or updates its name, console and token reference. */
export function upsertTenant({
  db,
  tenant,
  clock,
}: {
  db: CasebookDb;
  tenant: TenantConfig;
  clock: Clock;
}): TenantRow {
  const now = clock.now();

  return db
    .insert(tenants)
    .values({ ...tenant, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: tenants.id,
      set: {
        name: tenant.name,
        consoleUrl: tenant.consoleUrl,
        tokenRef: tenant.tokenRef,
        updatedAt: now,
      },
    })
    .returning()
    .get();
}

export function getTenant({ db, id }: { db: CasebookDb; id: string }): TenantRow | undefined {
  return db.select().from(tenants).where(eq(tenants.id, id)).get();
}

export function listTenants({ db }: { db: CasebookDb }): TenantRow[] {
  return db.select().from(tenants).orderBy(tenants.id).all();
}
