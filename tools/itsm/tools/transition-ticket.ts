import { z } from 'zod';

import { defineItsmTool } from './itsm-capabilities.ts';
import { TicketOutput, TicketRefInput, TicketStatusInput } from './ticket-params.ts';

export const transitionTicket = defineItsmTool({
  name: 'transition_ticket',
  description:
    'Move a ticket to open, in_progress or resolved through its workflow; nothing happens ' +
    'when it is there already.',
  effect: 'write',
  input: z.strictObject({ ref: TicketRefInput, status: TicketStatusInput }),
  output: TicketOutput,
  async preview({ ref, status }, { reads, signal }) {
    const now = await reads.tickets.get(ref, signal);
    const from = now?.status ?? 'unknown';
    return {
      summary: `moves ${ref.system} ticket ${ref.key} from ${from} to ${status}`,
      tickets: [{ system: ref.system, id: ref.key }],
    };
  },
  async execute({ ref, status }, { writes, signal }) {
    const ticket = await writes.tickets.transition(ref, status, signal);
    return { ref: ticket.ref, status: ticket.status, rawStatus: ticket.rawStatus };
  },
  async verify({ input, reads, signal }) {
    const now = await reads.tickets.get(input.ref, signal);
    return now?.status === input.status
      ? { verified: true, detail: `${input.ref.key} is ${now.status} (${now.rawStatus})` }
      : {
          verified: false,
          detail: `${input.ref.key} is ${now?.status ?? 'not visible'}, not ${input.status}`,
        };
  },
});
