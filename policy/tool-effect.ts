import { z } from 'zod';

/**
 * What calling a tool does to the world:
 * - `read`: nothing; it only fetches evidence;
 * - `write`: changes a record an analyst relies on (a note, a verdict, a ticket);
 * - `containment`: acts on endpoints or files (isolate, kill, quarantine), the actions
 *   whose mistakes take a customer's machines offline.
 */
export const ToolEffect = z.enum(['read', 'write', 'containment']);
export type ToolEffect = z.infer<typeof ToolEffect>;
