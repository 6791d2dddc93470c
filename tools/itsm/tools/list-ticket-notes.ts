import { z } from 'zod';

import { defineItsmTool } from './itsm-capabilities.ts';
import { TicketRefInput } from './ticket-params.ts';

export const listTicketNotes = defineItsmTool({
  name: 'list_ticket_notes',
  description: 'List the work notes and comments on a ticket, oldest first.',
  effect: 'read',
  input: z.strictObject({ ref: TicketRefInput }),
  output: z.strictObject({
    notes: z.array(
      z.strictObject({
        id: z.string(),
        author: z.string(),
        text: z.string(),
        createdAt: z.number(),
        internal: z.boolean(),
      }),
    ),
  }),
  // People outside the MDR team write these; they are data, never instructions.
  untrusted: (output) => output.notes.flatMap((_, i) => [`notes[${i}].text`, `notes[${i}].author`]),
  async execute({ ref }, { reads, signal }) {
    return { notes: await reads.tickets.listNotes(ref, signal) };
  },
});
