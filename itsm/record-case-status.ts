import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CasebookDb } from '../db/open-database.ts';

import { caseStatusHistory } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import type { CaseStatus } from './case-status.ts';
import { type RecordedChange, recordCaseChange } from './record-case-change.ts';

export type { RecordedChange as RecordedStatus } from './record-case-change.ts';

/**
 * Records a case status change and, for a tenant with an ITSM, queues its sync, in one
 * transaction with its audit entry: a status on record always reaches the ticket, and a
 * change id seen before on this case (a webhook delivered twice) records nothing new;
 * the id reused for a different change of the case is refused, and so is a case casebook
 * has never seen (one it did not analyse, give a status or link a ticket to).
 */
export function recordCaseStatus({
  db,
  audit,
  clock,
  tenantId,
  caseId,
  status,
  by,
  note = null,
  changeId = randomUUID(),
  targetSystem,
}: {
  db: CasebookDb;
  audit: AuditTrail;
  clock: Clock;
  tenantId: string;
  caseId: string;
  status: CaseStatus;
  /** The principal who set the status. */
  by: string;
  note?: string | null;
  changeId?: string;
  /** The tenant's ITSM, or null when it has none. */
  targetSystem: 'servicenow' | 'jira' | null;
}): RecordedChange {
  return recordCaseChange({
    db,
    audit,
    clock,
    tenantId,
    caseId,
    changeId,
    kind: 'status',
    by,
    targetSystem,
    isSameChange: (tx, recordId) => {
      const row = tx
        .select()
        .from(caseStatusHistory)
        .where(eq(caseStatusHistory.id, recordId))
        .get();
      return row?.status === status && row.note === note;
    },
    store: (tx, { id, now }) => {
      tx.insert(caseStatusHistory)
        .values({ id, tenantId, caseId, status, setBy: by, note, at: now })
        .run();
    },
    payload: (at) => ({ kind: 'status', status, by, note, at }),
    audited: { kind: 'case.status_changed', payload: { status, note } },
  });
}
