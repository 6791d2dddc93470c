import { toRestTimestamp } from '../rest-time.ts';

export interface NoteRow {
  id: string;
  threat_id: string;
  text: string;
  creator_id: string | null;
  creator: string | null;
  created_at: number;
  updated_at: number;
}

/** An item of `GET /threats/{id}/notes` (2.4). */
export function renderNote(row: NoteRow): Record<string, unknown> {
  return {
    createdAt: toRestTimestamp(row.created_at),
    creator: row.creator,
    creatorId: row.creator_id,
    edited: row.updated_at !== row.created_at,
    id: row.id,
    text: row.text,
    updatedAt: toRestTimestamp(row.updated_at),
  };
}
