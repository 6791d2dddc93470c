import { randomUUID } from 'node:crypto';

import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditKind } from '../policy/audit/audit-entry.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import type { StoreHandle } from '../policy/store-handle.ts';
import { type ChangeKind, claimChangeKey } from './claim-change-key.ts';
import { refuseUnknownCase } from './knows-case.ts';
import type { OutboxPayload } from './outbox/outbox-change.ts';
import { createOutboxStore } from './outbox/outbox-store.ts';

export interface RecordedChange {
  changeId: string;
  /** The change's own id: its history row or note, and its outbox row. */
  id: string;
  /** False when this change id was recorded before: a replayed event changes nothing. */
  recorded: boolean;
  /** Whether a ticket sync was queued (the tenant has an ITSM). */
  queued: boolean;
}

/**
 * The steps every case change takes, in one transaction: refuse a case casebook has never
 * seen, claim the change id on the case (the same change again records nothing; the id
 * reused for a different change is refused), store the change's own row, queue it for
 * the tenant's ITSM when it has one, and audit it.
 */
export function recordCaseChange({
  db,
  audit,
  clock,
  tenantId,
  caseId,
  changeId,
  kind,
  by,
  targetSystem,
  isSameChange,
  store,
  payload,
  audited,
}: {
  db: CasebookDb;
  audit: AuditTrail;
  clock: Clock;
  tenantId: string;
  caseId: string;
  changeId: string;
  kind: ChangeKind;
  /** The principal who made the change. */
  by: string;
  /** The tenant's ITSM, or null when it has none. */
  targetSystem: 'servicenow' | 'jira' | null;
  /** Whether the change stored earlier under this id (its row id given) is this one. */
  isSameChange(tx: StoreHandle, recordId: string): boolean;
  /** Writes the change's own row under `id`. */
  store(tx: StoreHandle, row: { id: string; now: number }): void;
  payload(now: number): OutboxPayload;
  audited: { kind: AuditKind; payload: Record<string, unknown> };
}): RecordedChange {
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
        kind,
        recordId: id,
        now,
        isSameChange: (earlier) => earlier.kind === kind && isSameChange(tx, earlier.recordId),
      });
      if (!claim.fresh) return { changeId, id: claim.recordId, recorded: false, queued: false };

      store(tx, { id, now });
      const queued =
        targetSystem !== null &&
        outbox.enqueue(
          { id, changeId, tenantId, caseId, targetSystem, payload: payload(now) },
          { now, store: tx },
        );
      audit.append(
        {
          tenantId,
          kind: audited.kind,
          caseId,
          actor: by,
          payload: { changeId, ...audited.payload, ticketSync: queued ? targetSystem : null },
        },
        { store: tx },
      );
      return { changeId, id, recorded: true, queued };
    },
    { behavior: 'immediate' },
  );
}
