import { describe, expect, it } from 'vitest';

import { createManualClock } from '../lib/clock.ts';
import { openDatabase } from './open-database.ts';
import { getTenant, listTenants, upsertTenant } from './tenants.ts';

const acme = {
  id: 'acme',
  name: 'Acme Corp',
  consoleUrl: 'https://usea1-acme.sentinelone.net',
  tokenRef: 'env:ACME_S1_TOKEN',
};

describe('tenants', () => {
  it('applies the migrations to a fresh in-memory store', () => {
    const { sqlite, close } = openDatabase({ path: ':memory:' });

    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all();

    expect(tables).toContain('tenants');
    expect(tables).toContain('__drizzle_migrations');
    close();
  });

  it('stores a tenant with its console and token reference, never a token', () => {
    const { db, sqlite, close } = openDatabase({ path: ':memory:' });
    const clock = createManualClock(1_000);

    upsertTenant({ db, tenant: acme, clock });

    expect(getTenant({ db, id: 'acme' })).toEqual({ ...acme, createdAt: 1_000, updatedAt: 1_000 });
    expect(sqlite.prepare('select token_ref from tenants').pluck().get()).toBe('env:ACME_S1_TOKEN');
    close();
  });

  it('updates an existing tenant in place and keeps its creation time', () => {
    const { db, close } = openDatabase({ path: ':memory:' });
    const clock = createManualClock(1_000);
    upsertTenant({ db, tenant: acme, clock });
    clock.advance(500);

    upsertTenant({
      db,
      tenant: { ...acme, consoleUrl: 'https://euce1-acme.sentinelone.net' },
      clock,
    });

    expect(listTenants({ db })).toEqual([
      {
        ...acme,
        consoleUrl: 'https://euce1-acme.sentinelone.net',
        createdAt: 1_000,
        updatedAt: 1_500,
      },
    ]);
    close();
  });

  it('returns undefined for an unknown tenant', () => {
    const { db, close } = openDatabase({ path: ':memory:' });

    expect(getTenant({ db, id: 'nobody' })).toBeUndefined();
    close();
  });
});
