import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { caseNotes, sentTicketNotes, ticketLinks } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditTrail } from '../../policy/audit/audit-trail.ts';
import type { TicketNote } from '../../tools/itsm/ticket-system.ts';
import { ITSM_SYNC_AGENT, type ItsmTenant } from '../itsm-tenant.ts';
import { expectDone, StepStopped } from './delivery-outcome.ts';
import { linkRef } from './ticket-links.ts';

/** The ids of the notes casebook posted on a tenant's tickets of one system. */
function sentNoteIds(db: CasebookDb, tenantId: string, system: string): Set<string> {
  const rows = db
    .select({ noteId: sentTicketNotes.noteId })
    .from(sentTicketNotes)
    .where(and(eq(sentTicketNotes.tenantId, tenantId), eq(sentTicketNotes.system, system)))
    .all();
  return new Set(rows.map((row) => row.noteId));
}

/**
 * Copies notes people wrote on a tenant's tickets into casebook as case notes, each
 * once (keyed by the ticket note's id), with an audit entry per note. Notes casebook
 * posted itself stay out, known by the ids the ITSM gave them when casebook posted
 * them, never by their text, which anyone can write. The text is stored as written:
 * it is untrusted, for people to read, never an instruction to an agent.
 */
export async function pullTicketNotes({
  db,
  tenant,
  audit,
  clock,
  signal,
}: {
  db: CasebookDb;
  tenant: ItsmTenant;
  audit: AuditTrail;
  clock: Clock;
  signal?: AbortSignal;
}): Promise<{ copied: number; problems: string[] }> {
  if (!tenant.settings.sync.notesFromTicket) return { copied: 0, problems: [] };
  const links = db
    .select()
    .from(ticketLinks)
    .where(eq(ticketLinks.tenantId, tenant.tenantId))
    .all();
  let copied = 0;
  const problems: string[] = [];
  const sent = sentNoteIds(db, tenant.tenantId, tenant.settings.system);

  for (const link of links.filter((row) => row.system === tenant.settings.system)) {
    const toolbox = tenant.toolbox({
      caseId: link.caseId,
      runId: `itsm:pull:${link.caseId}:${clock.now()}`,
      agentId: ITSM_SYNC_AGENT,
    });
    let notes: TicketNote[];
    try {
      const output = expectDone(
        await toolbox.call({ tool: 'list_ticket_notes', input: { ref: linkRef(link) }, signal }),
      ) as { notes: TicketNote[] };
      notes = output.notes;
    } catch (error) {
      if (!(error instanceof StepStopped)) throw error;
      problems.push(`${link.externalKey}: ${error.message}`);
      continue;
    }

    for (const note of notes.filter((candidate) => !sent.has(candidate.id))) {
      db.transaction((tx) => {
        const inserted = tx
          .insert(caseNotes)
          .values({
            tenantId: tenant.tenantId,
            caseId: link.caseId,
            source: link.system,
            externalId: note.id,
            author: note.author,
            body: note.text,
            internal: note.internal,
            writtenAt: note.createdAt,
            createdAt: clock.now(),
          })
          .onConflictDoNothing()
          .run();
        if (inserted.changes === 0) return;
        copied += 1;
        audit.append(
          {
            tenantId: tenant.tenantId,
            kind: 'case.note_received',
            caseId: link.caseId,
            actor: `${link.system}:${note.author}`,
            payload: {
              ticket: link.externalKey,
              noteId: note.id,
              internal: note.internal,
              length: note.text.length,
            },
          },
          { store: tx },
        );
      });
    }
  }

  return { copied, problems };
}
