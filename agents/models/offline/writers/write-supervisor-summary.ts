import type { SpecialistId } from '../../../agent-id.ts';
import type { NotificationDraft } from '../../../schemas/notification-draft.ts';
import type { SupervisorSummary } from '../../../schemas/supervisor-summary.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import { VERDICT_LABEL } from './verdict-label.ts';

/** The supervisor's answer once its specialists are done: the headline and what is open. */
export function writeSupervisorSummary({
  caseId,
  delegated,
  triage,
  timeline,
  notification,
}: {
  caseId: string;
  delegated: SpecialistId[];
  triage: TriageFinding | undefined;
  timeline: Timeline | undefined;
  notification: NotificationDraft | undefined;
}): SupervisorSummary {
  if (triage === undefined || timeline === undefined) {
    return {
      caseId,
      headline: `First look on case ${caseId} is incomplete`,
      summary: 'A specialist did not return a usable answer; see the run steps for why.',
      delegated,
      openQuestions: [],
    };
  }

  const origin = triage.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  const headline =
    `${VERDICT_LABEL[triage.verdict]} · ${triage.severity} · ` +
    `${triage.classification ?? 'threat'} ` +
    `on ${origin?.name ?? 'an endpoint'}`;
  const sweep =
    timeline.sweep.status === 'ran'
      ? `The fleet sweep matched ${timeline.sweep.hits.length} other endpoint(s)` +
        (timeline.sweep.hits.length === 0
          ? '.'
          : `: ${timeline.sweep.hits.map((hit) => hit.endpoint).join(', ')}.`)
      : 'No fleet sweep was run.';
  const summary = [
    triage.summary,
    `Timeline: ${timeline.entries.length} entries over ${timeline.totalEvents} events, ` +
      `${timeline.iocs.length} indicators after filtering routine infrastructure.`,
    sweep,
    notification === undefined ? '' : 'A customer notification draft is ready for review.',
  ]
    .filter((part) => part !== '')
    .join(' ')
    .slice(0, 4_000);

  const openQuestions: string[] = [];
  if (triage.verdict === 'suspicious' || triage.verdict === 'needs_human') {
    openQuestions.push('Did the owner of the endpoint expect this activity?');
  }
  if (triage.rootCause === null)
    openQuestions.push('How did the activity start? No root cause was found.');
  for (const limit of triage.limitations) {
    if (!limit.startsWith('verdict from the offline')) openQuestions.push(`Evidence gap: ${limit}`);
  }

  return {
    caseId,
    headline: headline.slice(0, 300),
    summary,
    delegated,
    openQuestions: openQuestions.slice(0, 10).map((question) => question.slice(0, 500)),
  };
}
