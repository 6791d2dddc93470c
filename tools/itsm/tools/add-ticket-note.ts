import { z } from 'zod';

import { defineItsmTool } from './itsm-capabilities.ts';
import { TicketRefInput } from './ticket-params.ts';

/** The last line of every note casebook writes; how a repeat finds the note it wrote. */
export function noteMarker(dedupeKey: string): string {
  return `[casebook ${dedupeKey}]`;
}

export const addTicketNote = defineItsmTool({
  name: 'add_ticket_note',
  description:
    'Add a work note (internal) or a comment (visible to the requester) to a ticket. ' +
    'The same dedupeKey is never added twice.',
  effect: 'write',
  input: z.strictObject({
    ref: TicketRefInput,
    text: z.string().trim().min(1).max(30_000),
    internal: z.boolean().default(true),
    dedupeKey: z.string().regex(/^[A-Za-z0-9:._-]{1,120}$/),
  }),
  output: z.strictObject({ noteId: z.string(), added: z.boolean() }),
  preview: async ({ ref, internal }) => ({
    summary: `adds ${internal ? 'a work note' : 'a comment'} to ${ref.system} ticket ${ref.key}`,
    tickets: [{ system: ref.system, id: ref.key }],
  }),
  async execute({ ref, text, internal, dedupeKey }, { reads, writes, signal }) {
    const marker = noteMarker(dedupeKey);
    const earlier = (await reads.tickets.listNotes(ref, signal)).find((note) =>
      note.text.includes(marker),
    );
    if (earlier !== undefined) return { noteId: earlier.id, added: false };

    const { id } = await writes.tickets.addNote(
      ref,
      { text: `${text}\n\n${marker}`, internal },
      signal,
    );
    return { noteId: id, added: true };
  },
  async verify({ input, reads, signal }) {
    const marker = noteMarker(input.dedupeKey);
    const notes = await reads.tickets.listNotes(input.ref, signal);
    return notes.some((note) => note.text.includes(marker))
      ? { verified: true, detail: `the note is on ${input.ref.key}` }
      : { verified: false, detail: `the note is not listed on ${input.ref.key}` };
  },
});
