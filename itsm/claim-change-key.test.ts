import { afterEach, describe, expect, it } from 'vitest';

import { type OpenDatabase, openDatabase } from '../db/open-database.ts';
import { caseStatusHistory, itsmOutbox } from '../db/schema.ts';
import { createManualClock } from '../lib/clock.ts';
import { createAuditTrail } from '../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../policy/audit/secret-redactor.ts';
import { DEFAULT_POLICY } from '../policy/rules/policy-file.ts';
import { CaseChangeRefused } from './case-change-refused.ts';
import { recordCaseNote } from './record-case-note.ts';
import { recordCaseStatus } from './record-case-status.ts';
import { seeCase } from './testing/itsm-harness.ts';

let store: OpenDatabase | undefined;

afterEach(() => store?.close());

function setUp() {
  store = openDatabase({ path: ':memory:' });
  const clock = createManualClock(Date.UTC(2026, 2, 1, 9));
  const audit = createAuditTrail({
    db: store.db,
    clock,
    redactor: createSecretRedactor(DEFAULT_POLICY.redact),
  });
  const { db } = store;
  for (const [tenantId, caseId] of [
    ['acme', '555'],
    ['default', '229149014525984882'],
  ] as const) {
    seeCase(db, { tenantId, caseId, now: clock.now() });
  }
  const status = (tenantId: string, caseId: string, value: 'resolved' | 'it-action') =>
    recordCaseStatus({
      db,
      audit,
      clock,
      tenantId,
      caseId,
      status: value,
      by: 'alice',
      changeId: 'evt-1',
      targetSystem: 'jira',
    });
  const note = (tenantId: string, caseId: string, text: string) =>
    recordCaseNote({
      db,
      audit,
      clock,
      tenantId,
      caseId,
      text,
      by: 'alice',
      changeId: 'evt-1',
      targetSystem: 'jira',
    });
  return { db, status, note };
}

describe('change ids per (tenant, case)', () => {
  it('the same id on another case of another tenant is another change, and is queued', () => {
    const { db, status } = setUp();

    const first = status('acme', '555', 'it-action');
    const second = status('default', '229149014525984882', 'resolved');

    expect([first.recorded, second.recorded]).toEqual([true, true]);
    expect([first.queued, second.queued]).toEqual([true, true]);
    expect(first.id).not.toBe(second.id);
    const rows = db.select().from(itsmOutbox).all();
    expect(rows.map((row) => [row.tenantId, row.caseId, row.changeId])).toEqual([
      ['acme', '555', 'evt-1'],
      ['default', '229149014525984882', 'evt-1'],
    ]);
  });

  it('the same change replayed records nothing new', () => {
    const { db, status } = setUp();

    const first = status('acme', '555', 'resolved');
    const replay = status('acme', '555', 'resolved');

    expect(replay).toEqual({ changeId: 'evt-1', id: first.id, recorded: false, queued: false });
    expect(db.select().from(caseStatusHistory).all()).toHaveLength(1);
  });

  it('refuses the id for a different change of the same case, as the caller’s fault', () => {
    const { db, status, note } = setUp();
    status('acme', '555', 'it-action');

    const refusal = (() => {
      try {
        status('acme', '555', 'resolved');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(CaseChangeRefused);
    expect(refusal).toMatchObject({
      fault: 'user',
      code: 'CHANGE_ID_REUSED',
      message:
        'change id evt-1 already names a different status change of case 555 in tenant ' +
        'acme; give this change its own --change-id',
    });
    expect(() => note('acme', '555', 'a note under the status change’s id')).toThrow(
      /already names a different status change of case 555/,
    );
    expect(
      db
        .select()
        .from(caseStatusHistory)
        .all()
        .map((row) => row.status),
    ).toEqual(['it-action']);
    expect(db.select().from(itsmOutbox).all()).toHaveLength(1);
  });
});
