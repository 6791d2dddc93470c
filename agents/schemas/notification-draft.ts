import { z } from 'zod';

import { OptionalCitations } from './citation.ts';

export const NOTIFICATION_SCHEMA_VERSION = 1;

export const DraftSection = z.strictObject({
  heading: z.string().min(1).max(200),
  body: z.string().min(1).max(4_000),
  eventIds: OptionalCitations,
});
export type DraftSection = z.infer<typeof DraftSection>;

/**
 * The comms specialist's answer: a customer notification in the tenant's template. It is
 * always a draft; it leaves casebook only through an approved action.
 */
export const NotificationDraft = z.strictObject({
  schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
  caseId: z.string().min(1),
  status: z.literal('draft'),
  templateId: z.string().min(1).max(100),
  subject: z.string().min(1).max(300),
  sections: z.array(DraftSection).min(1).max(20),
  /** The whole draft as it would be sent, rendered from the sections. */
  body: z.string().min(1).max(20_000),
});
export type NotificationDraft = z.infer<typeof NotificationDraft>;
