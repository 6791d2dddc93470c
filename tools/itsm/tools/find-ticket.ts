import { z } from 'zod';

import { defineItsmTool } from './itsm-capabilities.ts';
import { CorrelationKey, TicketOutput } from './ticket-params.ts';

export const findTicket = defineItsmTool({
  name: 'find_ticket',
  description: 'Find the ITSM ticket of a case by its correlation key; null when there is none.',
  effect: 'read',
  input: z.strictObject({ correlationKey: CorrelationKey }),
  output: z.strictObject({ ticket: TicketOutput.extend({ summary: z.string() }).nullable() }),
  untrusted: (output) => (output.ticket === null ? [] : ['ticket.summary']),
  async execute({ correlationKey }, { reads, signal }) {
    const found = await reads.tickets.find(correlationKey, signal);
    return {
      ticket:
        found === null
          ? null
          : {
              ref: found.ref,
              status: found.status,
              rawStatus: found.rawStatus,
              summary: found.summary,
            },
    };
  },
});
