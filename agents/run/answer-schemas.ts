import type { z } from 'zod';

import type { SpecialistId } from '../agent-id.ts';
import { IncidentReport } from '../schemas/incident-report.ts';
import { NotificationDraft } from '../schemas/notification-draft.ts';
import { Timeline } from '../schemas/timeline.ts';
import { TriageFinding } from '../schemas/triage-finding.ts';

/** The schema each specialist's answer must meet. */
export const ANSWER_SCHEMAS: Record<SpecialistId, z.ZodType> = {
  timeline: Timeline,
  triage: TriageFinding,
  comms: NotificationDraft,
  reporter: IncidentReport,
};

export const ANSWER_NAMES: Record<SpecialistId, string> = {
  timeline: 'Timeline',
  triage: 'TriageFinding',
  comms: 'NotificationDraft',
  reporter: 'IncidentReport',
};
