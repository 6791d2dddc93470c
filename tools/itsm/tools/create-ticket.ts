import { z } from 'zod';

import { TicketDocument } from '../document/ticket-document.ts';
import type { TicketSnapshot } from '../ticket-system.ts';
import { defineItsmTool, type TicketReads } from './itsm-capabilities.ts';
import { CorrelationKey, TicketOutput, TicketRefInput } from './ticket-params.ts';

const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const Input = z.strictObject({
  correlationKey: CorrelationKey,
  summary: z.string().trim().min(1).max(300),
  document: TicketDocument,
  impact: Level,
  urgency: Level,
  /** The ticket casebook already linked to the case, when it has one. */
  ref: TicketRefInput.optional(),
  /**
   * Set when casebook created `ref` itself and stopped before marking it as the case's
   * (labels, property): it is that ticket, finished by the update, never a second one.
   */
  unfinished: z.boolean().optional(),
});
type Input = z.infer<typeof Input>;

async function existing(
  reads: TicketReads,
  input: Input,
  signal?: AbortSignal,
): Promise<TicketSnapshot | null> {
  // The local link first: JQL search is eventually consistent, a get by key is not. A
  // linked ticket without this case's correlation mark (a link from another instance,
  // or to another case's ticket, say) is not trusted to be the case's.
  const linked = input.ref === undefined ? null : await reads.get(input.ref, signal);
  const ours = linked?.correlationKey === input.correlationKey;
  if (linked !== null && (ours || input.unfinished === true)) {
    return linked;
  }
  return await reads.find(input.correlationKey, signal);
}

export const createTicket = defineItsmTool({
  name: 'create_ticket',
  description:
    'Create the ITSM ticket of a case, or update it when a ticket with the case’s ' +
    'correlation key exists already; never creates a second one.',
  effect: 'write',
  input: Input,
  output: TicketOutput.extend({ created: z.boolean() }),
  async preview(input, { reads, signal }) {
    const found = await existing(reads.tickets, input, signal);
    return found === null
      ? {
          summary: `opens a new ${reads.tickets.system} ticket for ${input.correlationKey}`,
          tickets: [{ system: reads.tickets.system, id: 'new' }],
        }
      : {
          summary: `updates ${reads.tickets.system} ticket ${found.ref.key}`,
          tickets: [{ system: found.ref.system, id: found.ref.key }],
        };
  },
  async execute(input, { reads, writes, signal }) {
    const fields = {
      correlationKey: input.correlationKey,
      summary: input.summary,
      document: input.document,
      impact: input.impact,
      urgency: input.urgency,
    };
    const found = await existing(reads.tickets, input, signal);
    const ticket =
      found === null
        ? await writes.tickets.create(fields, signal)
        : await writes.tickets.update(found.ref, fields, signal);

    return {
      ref: ticket.ref,
      status: ticket.status,
      rawStatus: ticket.rawStatus,
      created: found === null,
    };
  },
  async verify({ input, output, reads, signal }) {
    const ref = output?.ref ?? input.ref;
    const seen =
      ref === undefined
        ? await reads.tickets.find(input.correlationKey, signal)
        : await reads.tickets.get(ref, signal);
    return seen === null
      ? { verified: false, detail: `no ticket for ${input.correlationKey} is visible` }
      : {
          verified: true,
          detail: `ticket ${seen.ref.key} exists`,
          observed: { key: seen.ref.key },
        };
  },
});
