import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.ts';
import { apiKeys } from '../../db/schema.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createAuditTrail, listAuditEntries } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import { getPrincipal, upsertPrincipal } from '../../policy/identity/principals.ts';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

function setUp() {
  const store = openDatabase({ path: ':memory:' });
  const clock = createManualClock();
  const audit = createAuditTrail({ db: store.db, clock, redactor: createSecretRedactor() });
  const create = (principalId: string, role: string, tenantId = 'acme') =>
    createApiKey({ db: store.db, clock, audit, tenantId, principalId, role, createdBy: 'os:ops' });
  return { store, clock, audit, create };
}

describe('API keys', () => {
  it('stores only a hash, and the key authenticates as its principal, role and tenant', () => {
    const { store, create } = setUp();
    const { key, record } = create('Alice@Example.com', 'analyst');

    expect(key).toMatch(/^cbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = store.db.select().from(apiKeys).get();
    expect(JSON.stringify(row)).not.toContain(key.slice(`cbk_${record.id}_`.length));
    expect(record).toMatchObject({
      principalId: 'alice@example.com',
      role: 'analyst',
      revokedAt: null,
    });
    expect(authenticateApiKey({ db: store.db, key })).toEqual({
      keyId: record.id,
      tenantId: 'acme',
      principalId: 'alice@example.com',
      role: 'analyst',
    });
    const tampered = key.replace(/.$/, (last) => (last === 'x' ? 'y' : 'x'));
    expect(authenticateApiKey({ db: store.db, key: tampered })).toBeUndefined();
    expect(authenticateApiKey({ db: store.db, key: 'Bearer nonsense' })).toBeUndefined();
  });

  it('grants a new principal the key’s role, audited, and never changes a known one', () => {
    const { store, clock, audit, create } = setUp();
    create('carol@example.com', 'analyst');
    expect(getPrincipal({ store: store.db, tenantId: 'acme', id: 'carol@example.com' })?.role).toBe(
      'analyst',
    );
    const grants = listAuditEntries({
      db: store.db,
      tenantId: 'acme',
      kinds: ['principal.granted'],
    });
    expect(
      grants.map((entry) => [entry.actor, entry.payload.principalId, entry.payload.role]),
    ).toEqual([['os:ops', 'carol@example.com', 'analyst']]);

    upsertPrincipal({
      db: store.db,
      clock,
      audit,
      grantedBy: 'os:ops',
      principal: { tenantId: 'acme', id: 'val', role: 'viewer' },
    });
    expect(() => create('val', 'admin')).toThrow(
      'val is viewer in tenant acme; make the key with --role viewer',
    );
    expect(create('val', 'viewer').record.role).toBe('viewer');
  });

  it('refuses keys for the agents’ identities, unknown roles and bad tenants', () => {
    const { create } = setUp();
    expect(() => create('casebook-agent', 'automation')).toThrow('can never hold an API key');
    expect(() => create('triage', 'viewer')).toThrow('can never hold an API key');
    expect(() => create('bob', 'service')).toThrow(
      'role must be one of admin, analyst, hunter, viewer, automation',
    );
    expect(() => create('bob', 'viewer', 'Not A Tenant')).toThrow('is not a tenant id');
  });

  it('revokes a key of its own tenant only, once', () => {
    const { store, clock, create } = setUp();
    const { key, record } = create('bot', 'automation');
    expect(() => revokeApiKey({ db: store.db, clock, tenantId: 'other', id: record.id })).toThrow(
      'has no active key',
    );
    clock.advance(5_000);
    expect(revokeApiKey({ db: store.db, clock, tenantId: 'acme', id: record.id }).revokedAt).toBe(
      clock.now(),
    );
    expect(authenticateApiKey({ db: store.db, key })).toBeUndefined();
    expect(() => revokeApiKey({ db: store.db, clock, tenantId: 'acme', id: record.id })).toThrow();
    expect(listApiKeys({ db: store.db, tenantId: 'acme' }).map((k) => k.revokedAt)).toEqual([
      clock.now(),
    ]);
  });

  it('stops a key when its person is demoted, and serves it again once restored', () => {
    const { store, clock, audit, create } = setUp();
    const { key } = create('hank@example.com', 'hunter');
    const grant = (role: 'hunter' | 'viewer') =>
      upsertPrincipal({
        db: store.db,
        clock,
        audit,
        grantedBy: 'os:ops',
        principal: { tenantId: 'acme', id: 'hank@example.com', role },
      });

    grant('viewer');
    expect(authenticateApiKey({ db: store.db, key })).toBeUndefined();

    grant('hunter');
    expect(authenticateApiKey({ db: store.db, key })?.role).toBe('hunter');
  });
});
