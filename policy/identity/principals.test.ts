import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createAuditTrail, listAuditEntries } from '../audit/audit-trail.ts';
import { createSecretRedactor } from '../audit/secret-redactor.ts';
import { PrincipalInputError } from './principal-input-error.ts';
import { PrincipalReservedError } from './principal-reserved-error.ts';
import { getPrincipal, listPrincipals, upsertPrincipal } from './principals.ts';
import { Role } from './role.ts';

function store() {
  const opened = openDatabase({ path: ':memory:' });
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const audit = createAuditTrail({ db: opened.db, clock, redactor: createSecretRedactor() });
  const grant = (id: string, role: string, grantedBy = 'os:ops') =>
    upsertPrincipal({
      db: opened.db,
      clock,
      audit,
      grantedBy,
      principal: { tenantId: 'acme', id, role },
    });
  return { ...opened, clock, grant };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

describe('principals', () => {
  it('stores a principal under its canonical id, however it was typed', () => {
    const s = store();

    expect(s.grant('ALICE@example.com', 'analyst')).toMatchObject({
      id: 'alice@example.com',
      role: 'analyst',
      displayName: 'alice@example.com',
    });
    expect(s.grant(' Alice@Example.com ', 'admin').id).toBe('alice@example.com');
    expect(s.grant('ａｌｉｃｅ@example.com', 'admin').id).toBe('alice@example.com');

    expect(listPrincipals({ db: s.db, tenantId: 'acme' })).toEqual([
      {
        tenantId: 'acme',
        id: 'alice@example.com',
        role: 'admin',
        displayName: 'alice@example.com',
      },
    ]);
    for (const spelling of ['alice@example.com', 'ALICE@EXAMPLE.COM', '\talice@example.com\n']) {
      expect(getPrincipal({ store: s.db, tenantId: 'acme', id: spelling })?.id, spelling).toBe(
        'alice@example.com',
      );
    }
  });

  it('refuses to give the service identity any role, whatever its spelling', () => {
    const s = store();

    for (const id of [
      'casebook-agent',
      'CaseBook-Agent',
      ' CASEBOOK-AGENT',
      'ｃａｓｅｂｏｏｋ-agent',
    ]) {
      for (const role of Role.options) {
        const error = thrown(() => s.grant(id, role));
        expect(error, `${id} ${role}`).toBeInstanceOf(PrincipalReservedError);
        expect((error as PrincipalReservedError).reason).toBe('service_identity');
      }
    }
    expect((thrown(() => s.grant('CaseBook-Agent', 'admin')) as Error).message).toBe(
      'casebook-agent is the identity the agents run as; it can never be given a role, ' +
        'so the agents can never approve their own actions',
    );
    expect(listPrincipals({ db: s.db, tenantId: 'acme' })).toEqual([]);
  });

  it('refuses approving roles to the names casebook agents run under', () => {
    const s = store();

    for (const id of [
      'triage',
      'Triage',
      'timeline',
      'comms',
      'reporter',
      'supervisor',
      'hunting',
    ]) {
      for (const role of ['admin', 'analyst']) {
        const error = thrown(() => s.grant(id, role));
        expect(error, `${id} ${role}`).toBeInstanceOf(PrincipalReservedError);
        expect((error as PrincipalReservedError).reason).toBe('agent_identity');
      }
    }
    expect((thrown(() => s.grant('triage', 'admin')) as Error).message).toBe(
      'triage is the name of a casebook agent; it may not be given an approving role ' +
        '(admin), so an agent can never approve its own actions',
    );
    expect(s.grant('Triage', 'viewer')).toMatchObject({ id: 'triage', role: 'viewer' });
    expect(s.grant('triage@example.com', 'analyst').id).toBe('triage@example.com');
  });

  it('names the roles when given one that does not exist', () => {
    const s = store();

    const error = thrown(() => s.grant('eve', 'root'));

    expect(error).toBeInstanceOf(PrincipalInputError);
    expect((error as Error).message).toBe(
      'role must be one of admin, analyst, hunter, viewer, automation, service (got "root")',
    );
  });

  it('audits every grant: who was given which role, by whom, and the role before', () => {
    const s = store();
    s.grant('alice@example.com', 'analyst');
    s.clock.advance(60_000);
    s.grant('ALICE@example.com', 'viewer', 'os:root');

    const entries = listAuditEntries({ db: s.db, tenantId: 'acme', kinds: ['principal.granted'] });

    expect(entries.map(({ at, actor, payload }) => ({ at, actor, payload }))).toEqual([
      {
        at: Date.UTC(2026, 0, 5, 9, 0, 0),
        actor: 'os:ops',
        payload: {
          principalId: 'alice@example.com',
          role: 'analyst',
          previousRole: null,
          displayName: 'alice@example.com',
          mayApprove: true,
          merged: [],
        },
      },
      {
        at: Date.UTC(2026, 0, 5, 9, 1, 0),
        actor: 'os:root',
        payload: {
          principalId: 'alice@example.com',
          role: 'viewer',
          previousRole: 'analyst',
          displayName: 'alice@example.com',
          mayApprove: false,
          merged: [],
        },
      },
    ]);
  });

  it('reads rows stored before ids were canonical, and folds them in on the next grant', () => {
    const s = store();
    const legacy = s.sqlite.prepare(
      'insert into principals (tenant_id, id, role, display_name, created_at, updated_at) ' +
        "values ('acme', ?, ?, ?, 0, 0)",
    );
    legacy.run('ALICE@example.com', 'analyst', 'Alice');
    legacy.run('Alice@example.com', 'viewer', 'Alice');

    // Two spellings disagree: the one that cannot approve wins until someone grants again.
    expect(getPrincipal({ store: s.db, tenantId: 'acme', id: 'alice@example.com' })).toEqual({
      tenantId: 'acme',
      id: 'alice@example.com',
      role: 'viewer',
      displayName: 'Alice',
    });
    expect(listPrincipals({ db: s.db, tenantId: 'acme' })).toHaveLength(1);

    s.grant('alice@example.com', 'analyst');

    expect(s.sqlite.prepare('select id, role from principals').all()).toEqual([
      { id: 'alice@example.com', role: 'analyst' },
    ]);
    const [entry] = listAuditEntries({ db: s.db, tenantId: 'acme', kinds: ['principal.granted'] });
    expect(entry?.payload).toMatchObject({
      previousRole: 'viewer',
      merged: ['ALICE@example.com', 'Alice@example.com'],
    });
  });
});
