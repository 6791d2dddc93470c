import {
  type DraftSection,
  NOTIFICATION_SCHEMA_VERSION,
  type NotificationDraft,
} from '../../../schemas/notification-draft.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import type {
  NotificationPart,
  NotificationTemplate,
} from '../../../templates/notification-template.ts';
import { defang } from '../../../text/defang.ts';
import { VERDICT_LABEL } from './verdict-label.ts';

function list(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

function sectionBody({
  part,
  triage,
  timeline,
  template,
}: {
  part: NotificationPart;
  triage: TriageFinding;
  timeline: Timeline;
  template: NotificationTemplate;
}): { body: string; eventIds: string[] } | undefined {
  const origin = triage.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  const plain = template.tone === 'plain';

  switch (part) {
    case 'summary': {
      const where = origin?.name ?? 'one of your endpoints';
      const opening =
        triage.verdict === 'false_positive'
          ? `${plain ? 'We looked into' : 'Our analysts reviewed'} an alert on ${where} and ` +
            'found no sign of compromise.'
          : `${plain ? 'We found' : 'Our monitoring detected'} ` +
            `${triage.classification ?? 'suspicious'} activity on ${where}.`;
      const verdict = VERDICT_LABEL[triage.verdict].toLowerCase();
      const assessment =
        `${plain ? 'Our view' : 'Our assessment'}: ${verdict}, severity ${triage.severity}, ` +
        `confidence ${Math.round(triage.confidence * 100)}%.`;
      const cause =
        triage.rootCause === null ? '' : ` It started with ${triage.rootCause.description}.`;
      return {
        body: `${opening} ${assessment}${cause}`,
        eventIds: triage.rootCause?.eventIds.slice(0, 3) ?? [],
      };
    }
    case 'impact': {
      if (triage.affectedEndpoints.length === 0 && triage.affectedUsers.length === 0)
        return undefined;
      const lines = [
        ...triage.affectedEndpoints.map(
          (endpoint) => `endpoint ${endpoint.name} (${endpoint.role})`,
        ),
        ...triage.affectedUsers.map((user) => `account ${user.name}`),
      ];
      return {
        body: list(lines),
        eventIds: triage.affectedEndpoints.flatMap((endpoint) => endpoint.eventIds).slice(0, 5),
      };
    }
    case 'timeline': {
      const entries = timeline.entries.slice(0, 8);
      if (entries.length === 0) return undefined;
      return {
        body: list(
          entries.map(
            (entry) => `${entry.time.slice(0, 19).replace('T', ' ')} UTC: ${entry.summary}`,
          ),
        ),
        eventIds: entries.flatMap((entry) => entry.eventIds.slice(0, 1)),
      };
    }
    case 'indicators': {
      const shown = timeline.iocs.slice(0, template.maxIndicators);
      if (shown.length === 0) return undefined;
      const more = timeline.iocs.length - shown.length;
      return {
        body:
          list(shown.map((ioc) => `${ioc.type}: ${ioc.value}`)) +
          (more > 0 ? `\n(${more} more in the case)` : ''),
        eventIds: shown.flatMap((ioc) => ioc.eventIds.slice(0, 1)).slice(0, 10),
      };
    }
    case 'actions':
      return {
        body:
          'No change has been made to your systems yet. Containment and other actions are ' +
          'prepared for an analyst to approve before anything is carried out.',
        eventIds: [],
      };
    case 'next-steps': {
      if (triage.recommendedSteps.length === 0) return undefined;
      return {
        body: list(triage.recommendedSteps.map((step) => step.action)),
        eventIds: triage.recommendedSteps.flatMap((step) => step.eventIds).slice(0, 5),
      };
    }
  }
}

/**
 * The comms specialist's answer: the findings in the tenant's template, indicators
 * defanged. A draft only; sending it is an action a person approves.
 */
export function writeNotification({
  template,
  triage,
  timeline,
}: {
  template: NotificationTemplate;
  triage: TriageFinding;
  timeline: Timeline;
}): NotificationDraft {
  const domains = timeline.iocs.filter((ioc) => ioc.type === 'domain').map((ioc) => ioc.value);
  const safe = (text: string) => defang(text, { domains });
  const origin = triage.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  const where = origin?.name ?? 'an endpoint';
  const headline = `${triage.classification ?? 'Security'} activity on ${where}`;

  const sections: DraftSection[] = template.sections.flatMap(({ part, heading }) => {
    const content = sectionBody({ part, triage, timeline, template });
    return content === undefined
      ? []
      : [{ heading, body: safe(content.body).slice(0, 4_000), eventIds: content.eventIds }];
  });
  const subject = safe(
    template.subject
      .replaceAll('{caseId}', triage.caseId)
      .replaceAll('{severity}', triage.severity.toUpperCase())
      .replaceAll('{verdict}', VERDICT_LABEL[triage.verdict])
      .replaceAll('{headline}', headline),
  ).slice(0, 300);
  const body = [
    template.greeting,
    ...sections.map((section) => `${section.heading}\n${section.body}`),
    template.signOff,
  ]
    .join('\n\n')
    .slice(0, 20_000);

  return {
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    caseId: triage.caseId,
    status: 'draft',
    templateId: template.id,
    subject,
    sections,
    body,
  };
}
