import { z } from 'zod';

import { JiraSettings } from '../tools/itsm/jira/jira-settings.ts';
import { ServiceNowSettings } from '../tools/itsm/servicenow/servicenow-settings.ts';

// The same form as the config's SecretRef; defined here so config can import this file.
const SecretRef = z
  .string()
  .regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/, 'a secret reference such as env:SN_PASSWORD');

/** Credentials as references; the secrets are read only when a client is built. */
export const ItsmAuthRef = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('basic'),
    /** ServiceNow user, or the Atlassian account email for Jira. */
    username: z.string().min(1),
    /** The password (ServiceNow) or API token (Jira). */
    secretRef: SecretRef,
  }),
  z.strictObject({ kind: z.literal('bearer'), secretRef: SecretRef }),
]);
export type ItsmAuthRef = z.infer<typeof ItsmAuthRef>;

const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const Levels = z.strictObject({ impact: Level, urgency: Level });

/** What crosses between casebook and the ticket, and how a case's fields map. */
export const ItsmSyncSettings = z.strictObject({
  /** Case notes and status changes become work notes on the ticket. */
  notesToTicket: z.boolean().default(true),
  /** Ticket comments and work notes people write become case notes in casebook. */
  notesFromTicket: z.boolean().default(true),
  /** Work notes (internal) or comments (visible to the caller) for what casebook writes. */
  noteVisibility: z.enum(['internal', 'public']).default('internal'),
  /** The case page, with `{caseId}` and `{tenantId}` replaced, linked from the ticket. */
  caseUrl: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'an http(s) URL template such as https://casebook/cases/{caseId}')
    .optional(),
  /** Impact and urgency per severity; ServiceNow computes priority from the two. */
  severity: z
    .strictObject({
      critical: Levels.default({ impact: 1, urgency: 1 }),
      high: Levels.default({ impact: 1, urgency: 2 }),
      medium: Levels.default({ impact: 2, urgency: 2 }),
      low: Levels.default({ impact: 3, urgency: 3 }),
    })
    .prefault({}),
  /** Attempts before a change is marked failed for good. */
  maxAttempts: z.number().int().min(1).max(100).default(8),
});
export type ItsmSyncSettings = z.infer<typeof ItsmSyncSettings>;

const Common = {
  /** Instance or site origin, e.g. `https://acme.service-now.com`. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  auth: ItsmAuthRef,
  sync: ItsmSyncSettings.prefault({}),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
};

/** One tenant's ticketing system: which one, where, as whom, and what to sync. */
export const ItsmTenantSettings = z.discriminatedUnion('system', [
  z.strictObject({
    system: z.literal('servicenow'),
    ...Common,
    servicenow: ServiceNowSettings.prefault({}),
  }),
  z.strictObject({ system: z.literal('jira'), ...Common, jira: JiraSettings }),
]);
export type ItsmTenantSettings = z.infer<typeof ItsmTenantSettings>;
export type ItsmTenantSettingsInput = z.input<typeof ItsmTenantSettings>;
