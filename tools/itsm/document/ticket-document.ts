import { z } from 'zod';

const Text = z.string().max(20_000);

/** A run of text in a line; `code` marks telemetry shown verbatim (a command line, a hash). */
export const TicketInline = z.strictObject({
  text: Text,
  style: z.enum(['plain', 'strong', 'code']).default('plain'),
});
export type TicketInline = z.infer<typeof TicketInline>;

export const TicketBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: Text }),
  z.strictObject({ type: z.literal('paragraph'), content: z.array(TicketInline).max(200) }),
  z.strictObject({
    type: z.literal('bullets'),
    items: z.array(z.array(TicketInline).max(50)).max(200),
  }),
  z.strictObject({ type: z.literal('code'), text: Text }),
  z.strictObject({ type: z.literal('link'), text: Text, url: z.url({ protocol: /^https?$/ }) }),
]);
export type TicketBlock = z.infer<typeof TicketBlock>;

/**
 * A ticket body as structure, never as markup: each target builds its own format from
 * it (ADF nodes for Jira, neutralised text for ServiceNow), so text from telemetry is
 * only ever the content of a node and cannot open one.
 */
export const TicketDocument = z.strictObject({ blocks: z.array(TicketBlock).max(500) });
export type TicketDocument = z.infer<typeof TicketDocument>;
