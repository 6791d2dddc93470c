import { randomUUID } from 'node:crypto';

import type { CasebookDb } from '../db/open-database.ts';
import { caseStatusHistory } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import type { CaseStatus } from './case-status.ts';
import { createOutboxStore } from './outbox/outbox-store.ts';

export interface RecordedStatus {
  changeId: string;
  /** False when this change id was recorded before: a replayed event changes nothing. */
  recorded: boolean;
  /** Whether a ticket sync was queued (the tenant has an ITSM). */
  queued: boolean;
}

/**
 * Records a case status change and, for a tenant with an ITSM, queues its sync, in one
 * transaction with its audit entry: a status on record always reaches the ticket, and a
 * change id seen before (a webhook delivered twice) records nothing new.
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
}): RecordedStatus {
  const outbox = createOutboxStore({ db });
  const now = clock.now();

  return db.transaction(
    (tx) => {
      const inserted = tx
        .insert(caseStatusHistory)
        .values({ id: changeId, tenantId, caseId, status, setBy: by, note, at: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) return { changeId, recorded: false, queued: false };

      const queued =
        targetSystem !== null &&
        outbox.enqueue(
          {
            changeId,
            tenantId,
            caseId,
            targetSystem,
            payload: { kind: 'status', status, by, note, at: now },
          },
          { now, store: tx },
        );
      audit.append(
        {
          tenantId,
          kind: 'case.status_changed',
          caseId,
          actor: by,
          payload: { changeId, status, note, ticketSync: queued ? targetSystem : null },
        },
        { store: tx },
      );
      return { changeId, recorded: true, queued };
    },
    { behavior: 'immediate' },
  );
}
