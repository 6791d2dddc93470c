import {
  type IncidentReport,
  REPORT_SCHEMA_VERSION,
  type ReportSection,
} from '../../../schemas/incident-report.ts';
import type { NotificationDraft } from '../../../schemas/notification-draft.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import { defang } from '../../../text/defang.ts';
import { VERDICT_LABEL } from './verdict-label.ts';

function cite(ids: readonly string[]): string {
  return ids.length === 0 ? '' : ` [events: ${ids.slice(0, 5).join(', ')}]`;
}

/** Markdown special characters in telemetry shown as text, not formatting. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/**
 * The reporter's answer: the post-incident report as Markdown, each section citing the
 * events it rests on. Telemetry in it is escaped and indicators are defanged.
 */
export function writeReport({
  triage,
  timeline,
  notification,
}: {
  triage: TriageFinding;
  timeline: Timeline;
  notification: NotificationDraft | null;
}): IncidentReport {
  const domains = timeline.iocs.filter((ioc) => ioc.type === 'domain').map((ioc) => ioc.value);
  const safe = (text: string) => defang(md(text), { domains });
  const origin = triage.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  const where = origin?.name ?? 'an endpoint';
  const what = triage.classification ?? 'case';
  const title = `Post-incident report: ${what} on ${where} (case ${triage.caseId})`;

  const sections: ReportSection[] = [
    {
      heading: 'Summary',
      markdown:
        `${safe(triage.summary)}\n\nVerdict: **${VERDICT_LABEL[triage.verdict]}**, ` +
        `confidence ${triage.confidence}, severity **${triage.severity}**.`,
      eventIds: triage.signals.flatMap((signal) => signal.eventIds).slice(0, 5),
    },
    {
      heading: 'Timeline',
      markdown:
        timeline.entries.length === 0
          ? 'No timeline entries.'
          : timeline.entries
              .map((entry) => {
                const when = `${entry.time.slice(0, 19).replace('T', ' ')} UTC`;
                const on = entry.endpoint === undefined ? '' : `(${safe(entry.endpoint)}) `;
                return `- ${when} ${on}${safe(entry.summary)}${cite(entry.eventIds)}`;
              })
              .join('\n'),
      eventIds: timeline.entries.flatMap((entry) => entry.eventIds.slice(0, 1)),
    },
    {
      heading: 'Root cause',
      markdown:
        triage.rootCause === null
          ? 'The root cause could not be determined from the evidence.'
          : `${safe(triage.rootCause.description)}${cite(triage.rootCause.eventIds)}`,
      eventIds: triage.rootCause?.eventIds ?? [],
    },
    {
      heading: 'Impact',
      markdown: [
        ...triage.affectedEndpoints.map(
          (endpoint) =>
            `- Endpoint ${safe(endpoint.name)} (${endpoint.role})${cite(endpoint.eventIds)}`,
        ),
        ...triage.affectedUsers.map((user) => `- Account ${safe(user.name)}${cite(user.eventIds)}`),
        `- Lateral movement: ${triage.lateralMovement.detected ? 'yes' : 'no'}`,
      ].join('\n'),
      eventIds: triage.affectedEndpoints.flatMap((endpoint) => endpoint.eventIds).slice(0, 10),
    },
    {
      heading: 'Actions taken',
      markdown:
        'casebook changed nothing on the endpoints. ' +
        (notification === null ? '' : 'A customer notification was drafted for approval. ') +
        'Any containment waits for an analyst to approve it.',
      eventIds: [],
    },
    {
      heading: 'Recommendations',
      markdown:
        triage.recommendedSteps.length === 0
          ? 'None.'
          : triage.recommendedSteps
              .map(
                (step) => `- ${safe(step.action)} (${safe(step.rationale)})${cite(step.eventIds)}`,
              )
              .join('\n'),
      eventIds: triage.recommendedSteps.flatMap((step) => step.eventIds).slice(0, 10),
    },
    {
      heading: 'Indicators',
      markdown:
        timeline.iocs.length === 0
          ? 'None.'
          : timeline.iocs
              .slice(0, 40)
              .map((ioc) => {
                const value = defang(ioc.value.replaceAll('`', "'"), { domains });
                return `- ${ioc.type}: \`${value}\`${cite(ioc.eventIds)}`;
              })
              .join('\n'),
      eventIds: timeline.iocs.flatMap((ioc) => ioc.eventIds.slice(0, 1)).slice(0, 20),
    },
  ].map((section) => ({ ...section, markdown: section.markdown.slice(0, 20_000) }));

  const markdown = [
    `# ${md(title)}`,
    ...sections.map((section) => `## ${section.heading}\n\n${section.markdown}`),
  ].join('\n\n');

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    caseId: triage.caseId,
    title: title.slice(0, 300),
    sections,
    markdown: markdown.slice(0, 100_000),
  };
}
