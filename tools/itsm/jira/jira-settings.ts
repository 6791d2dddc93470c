import { z } from 'zod';

/** Where and how casebook files issues on a Jira Cloud site. */
export const JiraSettings = z.strictObject({
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a project key such as SEC'),
  issueType: z.string().min(1).max(60).default('Task'),
  /** Extra labels on every issue casebook creates. */
  labels: z.array(z.string().regex(/^\S{1,255}$/)).default(['casebook']),
  /** Priority names for ServiceNow-style priorities 1..5 (impact × urgency). */
  priorities: z.record(z.enum(['1', '2', '3', '4', '5']), z.string().min(1)).optional(),
  /** File through Jira Service Management's request API instead of the issue API. */
  serviceDesk: z
    .strictObject({
      serviceDeskId: z.string().regex(/^\d+$/),
      requestTypeId: z.string().regex(/^\d+$/),
    })
    .optional(),
});
export type JiraSettings = z.infer<typeof JiraSettings>;
export type JiraSettingsInput = z.input<typeof JiraSettings>;
