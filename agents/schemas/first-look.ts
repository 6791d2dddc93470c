import { z } from 'zod';

import { IncidentReport } from './incident-report.ts';
import { NotificationDraft } from './notification-draft.ts';
import { Timeline } from './timeline.ts';
import { TriageFinding } from './triage-finding.ts';

export const FIRST_LOOK_SCHEMA_VERSION = 1;

/**
 * What an analyst finds on a case before touching it: the supervisor's headline and the
 * specialists' answers, each claim citing events the run fetched. It holds no run ids or
 * times, so the same case and evidence give the same first look.
 */
export const FirstLook = z.strictObject({
  schemaVersion: z.literal(FIRST_LOOK_SCHEMA_VERSION),
  caseId: z.string().min(1),
  /** Model per agent, e.g. `{ triage: 'offline' }`. */
  models: z.record(z.string(), z.string()),
  headline: z.string().min(1).max(300),
  summary: z.string().min(1).max(4_000),
  openQuestions: z.array(z.string()).max(10),
  triage: TriageFinding,
  timeline: Timeline,
  notification: NotificationDraft,
  report: IncidentReport.nullable(),
  evidence: z.strictObject({
    /** Distinct events the run fetched; every citation is one of them. */
    eventsFetched: z.number().int().nonnegative(),
    endpoints: z.array(z.string()),
  }),
});
export type FirstLook = z.infer<typeof FirstLook>;
