import { z } from 'zod';

import { defineItsmTool } from './itsm-capabilities.ts';
import { TicketRefInput } from './ticket-params.ts';

/**
 * The last line of every note casebook writes, naming the change it belongs to for the
 * people reading the ticket. Anyone can type it, so nothing is decided by it: the caller
 * keeps the ids of the notes it posted to know what is on the ticket already.
 */
function noteMarker(dedupeKey: string): string {
  return `[casebook ${dedupeKey}]`;
}

export const addTicketNote = defineItsmTool({
  name: 'add_ticket_note',
  description:
    'Add a work note (internal) or a comment (visible to the requester) to a ticket. ' +
    'Every call adds a note; dedupeKey names the change it belongs to on the note.',
  effect: 'write',
  input: z.strictObject({
    ref: TicketRefInput,
    text: z.string().trim().min(1).max(30_000),
    internal: z.boolean().default(true),
    dedupeKey: z.string().regex(/^[A-Za-z0-9:._-]{1,120}$/),
  }),
  output: z.strictObject({ noteId: z.string() }),
  preview: async ({ ref, internal }) => ({
    summary: `adds ${internal ? 'a work note' : 'a comment'} to ${ref.system} ticket ${ref.key}`,
    tickets: [{ system: ref.system, id: ref.key }],
  }),
  async execute({ ref, text, internal, dedupeKey }, { writes, signal }) {
    const { id } = await writes.tickets.addNote(
      ref,
      { text: `${text}\n\n${noteMarker(dedupeKey)}`, internal },
      signal,
    );
    return { noteId: id };
  },
  // The note the call posted, by the id the ITSM gave it; `observed` keeps that id with
  // a held action's outcome, so the change that was approved can record it.
  async verify({ input, output, reads, signal }) {
    const notes = await reads.tickets.listNotes(input.ref, signal);
    const observed = { noteId: output.noteId };
    return notes.some((note) => note.id === output.noteId)
      ? { verified: true, detail: `the note is on ${input.ref.key}`, observed }
      : { verified: false, detail: `the note is not listed on ${input.ref.key}`, observed };
  },
});
