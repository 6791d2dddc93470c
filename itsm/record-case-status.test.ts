import { afterEach, describe, expect, it } from 'vitest';

import { type OpenDatabase, openDatabase } from '../db/open-database.ts';
import { auditEntries, caseStatusHistory, cases, itsmOutbox } from '../db/schema.ts';
import { createManualClock } from '../lib/clock.ts';
import { createAuditTrail } from '../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../policy/audit/secret-redactor.ts';
import { DEFAULT_POLICY } from '../policy/rules/policy-file.ts';
import { CaseChangeRefused } from './case-change-refused.ts';
import { recordCaseStatus } from './record-case-status.ts';
import { seeCase } from './testing/itsm-harness.ts';

let store: OpenDatabase | undefined;

afterEach(() => store?.close());

function setUp() {
  store = openDatabase({ path: ':memory:' });
  const { db } = store;
  const clock = createManualClock(Date.UTC(2026, 2, 1, 9));
  const audit = createAuditTrail({
    db,
    clock,
    redactor: createSecretRedactor(DEFAULT_POLICY.redact),
  });
  const resolve = (caseId: string) =>
    recordCaseStatus({
      db,
      audit,
      clock,
      tenantId: 'default',
      caseId,
      status: 'resolved',
      by: 'alice@example.com',
      targetSystem: 'jira',
    });
  return { db, clock, resolve };
}

describe('recordCaseStatus on a case casebook has not seen', () => {
  it('refuses it as the caller’s fault and stores, queues and audits nothing', () => {
    const { db, resolve } = setUp();

    const refusal = (() => {
      try {
        resolve('1');
      } catch (error) {
        return error;
      }
    })();

    expect(refusal).toBeInstanceOf(CaseChangeRefused);
    expect(refusal).toMatchObject({
      fault: 'user',
      code: 'UNKNOWN_CASE',
      message: 'casebook has no case 1 in tenant default',
    });
    expect(db.select().from(caseStatusHistory).all()).toEqual([]);
    expect(db.select().from(itsmOutbox).all()).toEqual([]);
    expect(db.select().from(auditEntries).all()).toEqual([]);
  });

  it('records it once casebook has analysed the case', () => {
    const { db, clock, resolve } = setUp();
    seeCase(db, { tenantId: 'default', caseId: '1', now: clock.now() });

    expect(resolve('1')).toMatchObject({ recorded: true, queued: true });
    expect(
      db
        .select()
        .from(itsmOutbox)
        .all()
        .map((row) => row.caseId),
    ).toEqual(['1']);
  });

  it('refuses a case whose only trace is a run that failed, as a mistyped id leaves', () => {
    const { db, resolve } = setUp();
    db.insert(cases)
      .values({ tenantId: 'default', id: '111222333444', firstSeenAt: 0, updatedAt: 0 })
      .run();

    expect(() => resolve('111222333444')).toThrow('casebook has no case 111222333444');
  });
});
