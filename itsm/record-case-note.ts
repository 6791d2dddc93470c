import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../db/open-database.ts';
import { caseNotes } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import { type RecordedChange, recordCaseChange } from './record-case-change.ts';

/** The `source` of case notes an analyst wrote in casebook. */
export const CASEBOOK_NOTE_SOURCE = 'casebook';

/**
 * Stores an analyst's case note and, for a tenant with an ITSM, queues it for the
 * ticket (a work note or comment, through the gate), in one transaction with its audit
 * entry. A note never opens a ticket: on a case without one it waits in the outbox until
 * a status change creates it. A case casebook has never seen is refused, and so is a
 * change id that names a different change of the case; the same note recorded twice is
 * stored and sent once.
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
}): RecordedChange {
  return recordCaseChange({
    db,
    audit,
    clock,
    tenantId,
    caseId,
    changeId,
    kind: 'note',
    by,
    targetSystem,
    isSameChange: (tx, recordId) => {
      const row = tx
        .select()
        .from(caseNotes)
        .where(
          and(
            eq(caseNotes.tenantId, tenantId),
            eq(caseNotes.source, CASEBOOK_NOTE_SOURCE),
            eq(caseNotes.externalId, recordId),
          ),
        )
        .get();
      return row?.body === text;
    },
    store: (tx, { id, now }) => {
      tx.insert(caseNotes)
        .values({
          tenantId,
          caseId,
          source: CASEBOOK_NOTE_SOURCE,
          externalId: id,
          author: by,
          body: text,
          internal: true,
          writtenAt: now,
          createdAt: now,
        })
        .run();
    },
    payload: (at) => ({ kind: 'note', by, text, at }),
    audited: { kind: 'case.note_added', payload: { length: text.length } },
  });
}
