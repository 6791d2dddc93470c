import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CasebookDb } from '../db/open-database.ts';

import { caseStatusHistory } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import type { CaseStatus } from './case-status.ts';
import { claimChangeKey } from './claim-change-key.ts';
import { refuseUnknownCase } from './knows-case.ts';
import { createOutboxStore } from './outbox/outbox-store.ts';

export interface RecordedStatus {
  changeId: string;
  /** The change's own id: its history row or note, and its outbox row. */
  id: string;
  /** False when this change id was recorded before: a replayed event changes nothing. */
  recorded: boolean;
  /** Whether a ticket sync was queued (the tenant has an ITSM). */
  queued: boolean;
}

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
}): RecordedStatus {
  const outbox = createOutboxStore({ db });
  const now = clock.now();
  const id = randomUUID();

  return db.transaction(
    (tx) => {
      refuseUnknownCase(tx, tenantId, caseId);
      const claim = claimChangeKey(tx, {
        tenantId,
        caseId,
        changeKey: changeId,
        kind: 'status',
        recordId: id,
        now,
        isSameChange: (earlier) => {
          if (earlier.kind !== 'status') return false;
          const row = tx
            .select()
            .from(caseStatusHistory)
            .where(eq(caseStatusHistory.id, earlier.recordId))
            .get();
          return row?.status === status && row.note === note;
        },
      });
      if (!claim.fresh) {
        return { changeId, id: claim.recordId, recorded: false, queued: false };
      }
      tx.insert(caseStatusHistory)
        .values({ id, tenantId, caseId, status, setBy: by, note, at: now })
        .run();

      const queued =
        targetSystem !== null &&
        outbox.enqueue(
          {
            id,
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
      return { changeId, id, recorded: true, queued };
    },
    { behavior: 'immediate' },
  );
}
