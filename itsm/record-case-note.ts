import { randomUUID } from 'node:crypto';

import type { CasebookDb } from '../db/open-database.ts';
import { caseNotes } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import { createOutboxStore } from './outbox/outbox-store.ts';
import type { RecordedStatus } from './record-case-status.ts';

/** The `source` of case notes an analyst wrote in casebook. */
export const CASEBOOK_NOTE_SOURCE = 'casebook';

/**
 * Stores an analyst's case note and, for a tenant with an ITSM, queues it for the
 * ticket (a work note or comment, through the gate), in one transaction with its audit
 * entry. The change id keys both: the same note recorded twice is stored and sent once.
 */
export function recordCaseNote({
  db,
  audit,
  clock,
  tenantId,
  caseId,
  text,
  by,
  changeId = randomUUID(),
  targetSystem,
}: {
  db: CasebookDb;
  audit: AuditTrail;
  clock: Clock;
  tenantId: string;
  caseId: string;
  text: string;
  /** The principal who wrote it. */
  by: string;
  changeId?: string;
  /** The tenant's ITSM, or null when it has none. */
  targetSystem: 'servicenow' | 'jira' | null;
}): RecordedStatus {
  const outbox = createOutboxStore({ db });
  const now = clock.now();

  return db.transaction(
    (tx) => {
      const inserted = tx
        .insert(caseNotes)
        .values({
          tenantId,
          caseId,
          source: CASEBOOK_NOTE_SOURCE,
          externalId: changeId,
          author: by,
          body: text,
          internal: true,
          writtenAt: now,
          createdAt: now,
        })
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
            payload: { kind: 'note', by, text, at: now },
          },
          { now, store: tx },
        );
      audit.append(
        {
          tenantId,
          kind: 'case.note_added',
          caseId,
          actor: by,
          payload: { changeId, length: text.length, ticketSync: queued ? targetSystem : null },
        },
        { store: tx },
      );
      return { changeId, recorded: true, queued };
    },
    { behavior: 'immediate' },
  );
}
