import { z } from 'zod';

import { OptionalCitations } from './citation.ts';

export const REPORT_SCHEMA_VERSION = 1;

export const ReportSection = z.strictObject({
  heading: z.string().min(1).max(200),
  markdown: z.string().min(1).max(20_000),
  eventIds: OptionalCitations,
});
export type ReportSection = z.infer<typeof ReportSection>;

/**
 * The reporter's answer: a post-incident report (summary, timeline, root cause, impact,
 * actions, recommendations) as Markdown, section by section with their citations.
 */
export const IncidentReport = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  caseId: z.string().min(1),
  title: z.string().min(1).max(300),
  sections: z.array(ReportSection).min(1).max(20),
  markdown: z.string().min(1).max(100_000),
});
export type IncidentReport = z.infer<typeof IncidentReport>;
