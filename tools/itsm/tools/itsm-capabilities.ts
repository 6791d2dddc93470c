import { toolFactory } from '../../registry/define-tool.ts';
import type { TicketSystem } from '../ticket-system.ts';

const READS = [
  'system',
  'find',
  'get',
  'listNotes',
] as const satisfies readonly (keyof TicketSystem)[];
const WRITES = [
  'create',
  'update',
  'addNote',
  'transition',
] as const satisfies readonly (keyof TicketSystem)[];

export type TicketReads = Pick<TicketSystem, (typeof READS)[number]>;
export type TicketWrites = Pick<TicketSystem, (typeof WRITES)[number]>;

/** What the ticket tools act through; see `ToolCapabilities`. */
export interface ItsmCapabilities {
  reads: { tickets: TicketReads };
  writes: { tickets: TicketWrites };
}

/** Splits a ticket system into the read half and the write half the gate hands out. */
export function itsmCapabilities(tickets: TicketSystem): ItsmCapabilities {
  const pick = <K extends keyof TicketSystem>(names: readonly K[]) =>
    Object.freeze(
      Object.fromEntries(
        names.map((name) => {
          const member = tickets[name];
          return [name, typeof member === 'function' ? member.bind(tickets) : member];
        }),
      ),
    ) as Pick<TicketSystem, K>;

  return { reads: { tickets: pick(READS) }, writes: { tickets: pick(WRITES) } };
}

/** Declares a tool over the ticket system (see `defineTool`). */
export const defineItsmTool = toolFactory<ItsmCapabilities>();
