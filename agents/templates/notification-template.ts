import { z } from 'zod';

/** The parts a customer notification can have, in the order the template lists them. */
export const NotificationPart = z.enum([
  'summary',
  'impact',
  'timeline',
  'indicators',
  'actions',
  'next-steps',
]);
export type NotificationPart = z.infer<typeof NotificationPart>;

/**
 * A tenant's house style for customer notifications: tone, greeting, sections and
 * sign-off. `{caseId}`, `{severity}`, `{verdict}` and `{headline}` are replaced in the
 * subject line.
 */
export const NotificationTemplate = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug'),
  tone: z.enum(['formal', 'plain']).default('formal'),
  subject: z.string().min(1).max(200).default('[{severity}] Security case {caseId}: {headline}'),
  greeting: z.string().min(1).max(500).default('Dear customer,'),
  sections: z
    .array(z.strictObject({ part: NotificationPart, heading: z.string().min(1).max(100) }))
    .min(1)
    .max(12)
    .default([
      { part: 'summary', heading: 'What happened' },
      { part: 'impact', heading: 'Who and what is affected' },
      { part: 'actions', heading: 'What we have done' },
      { part: 'next-steps', heading: 'What we recommend' },
      { part: 'indicators', heading: 'Indicators of compromise' },
    ]),
  signOff: z.string().min(1).max(500).default('Your security operations team'),
  /** Most indicators listed before the rest are counted. */
  maxIndicators: z.number().int().min(0).max(100).default(15),
});
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;
export type NotificationTemplateInput = z.input<typeof NotificationTemplate>;

export const DEFAULT_NOTIFICATION_TEMPLATE: NotificationTemplate = NotificationTemplate.parse({
  id: 'default',
});
