import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { sentTicketNotes } from '../../db/schema.ts';
import type { StoreHandle } from '../../policy/store-handle.ts';

interface SentNoteKey {
  tenantId: string;
  system: string;
  caseId: string;
  /** The outbox change that posted the note. */
  changeId: string;
}

/**
 * Remembers a note casebook posted on a ticket by the id the ITSM gave it: the pull of
 * ticket notes leaves it out, and the change that posted it never posts it again.
 */
export function recordSentTicketNote(
  store: StoreHandle,
  note: SentNoteKey & { noteId: string; now: number },
): void {
  store
    .insert(sentTicketNotes)
    .values({
      tenantId: note.tenantId,
      system: note.system,
      noteId: note.noteId,
      caseId: note.caseId,
      changeId: note.changeId,
      createdAt: note.now,
    })
    .onConflictDoNothing()
    .run();
}

/** The id of the note a change already posted, from casebook's record, or undefined. */
export function sentTicketNoteOf(db: CasebookDb, key: SentNoteKey): string | undefined {
  return db
    .select({ noteId: sentTicketNotes.noteId })
    .from(sentTicketNotes)
    .where(
      and(
        eq(sentTicketNotes.tenantId, key.tenantId),
        eq(sentTicketNotes.system, key.system),
        eq(sentTicketNotes.caseId, key.caseId),
        eq(sentTicketNotes.changeId, key.changeId),
      ),
    )
    .get()?.noteId;
}
