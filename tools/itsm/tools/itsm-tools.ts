import type { ToolDefinition } from '../../registry/define-tool.ts';
import { createToolRegistry, type ToolRegistry } from '../../registry/tool-registry.ts';
import { addTicketNote } from './add-ticket-note.ts';
import { createTicket } from './create-ticket.ts';
import { findTicket } from './find-ticket.ts';
import type { ItsmCapabilities } from './itsm-capabilities.ts';
import { listTicketNotes } from './list-ticket-notes.ts';
import { transitionTicket } from './transition-ticket.ts';

/** Every ticket tool: two reads, three writes. */
export const ITSM_TOOLS: readonly ToolDefinition<ItsmCapabilities>[] = [
  findTicket,
  listTicketNotes,
  createTicket,
  addTicketNote,
  transitionTicket,
];

export function createItsmRegistry(): ToolRegistry<ItsmCapabilities> {
  return createToolRegistry(ITSM_TOOLS);
}
