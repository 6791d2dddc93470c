import { recordActivity } from '../activities/activity-log.ts';
import type { SimUser } from '../identity/sim-users.ts';
import type { SimStore } from '../open-sim-store.ts';
import { renderNote } from '../render/render-note.ts';
import { type Page, type PageRequest, readPage } from '../sql/page.ts';
import { matchThreats, type ThreatFilter } from './threat-queries.ts';

/** Adds the same note to every matched threat; returns how many threats got it. */
export function addThreatNotes(
  store: SimStore,
  { filter, text, user }: { filter: ThreatFilter; text: string; user: SimUser },
): number {
  return store.db.transaction(() => {
    const threats = matchThreats(store, filter);
    const insert = store.db.prepare(
      `INSERT INTO threat_notes (id, threat_id, text, creator_id, creator, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = store.clock.now();
    for (const threat of threats) {
      const noteId = store.ids.next();
      insert.run(noteId, threat.id, text, user.id, user.fullName, now, now);
      recordActivity(store, {
        type: 'threatNoteAdded',
        user,
        threatId: threat.id,
        agentId: threat.agent_id,
        primary: `The management user ${user.fullName} (${user.email}) added a note to a threat.`,
        data: { noteId, text },
      });
    }
    return threats.length;
  })();
}

export const NOTE_SORTS = {
  createdAt: 'created_at {dir}, length(id) {dir}, id {dir}',
  updatedAt: 'updated_at {dir}, length(id) {dir}, id {dir}',
} as const;
export type NoteSort = keyof typeof NOTE_SORTS;

export function listThreatNotes(
  store: SimStore,
  {
    threatId,
    sortBy = 'createdAt',
    sortOrder = 'asc',
    page,
  }: { threatId: string; sortBy?: NoteSort; sortOrder?: 'asc' | 'desc'; page: PageRequest },
): Page<Record<string, unknown>> {
  return readPage({
    db: store.db,
    select: '*',
    from: 'threat_notes WHERE threat_id = ?',
    params: [threatId],
    orderBy: NOTE_SORTS[sortBy],
    sortOrder,
    page,
    render: renderNote,
  });
}
