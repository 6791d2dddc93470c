import { printable } from '../../lib/printable.ts';
import type { FirstLook } from '../schemas/first-look.ts';

function cite(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  return `  [${ids.slice(0, 4).join(', ')}${ids.length > 4 ? ', …' : ''}]`;
}

/** A first look as readable text for a terminal, with event ids after each claim. */
export function renderFirstLook(firstLook: FirstLook): string {
  const { triage, timeline, notification } = firstLook;
  const { rootCause, sweep } = { rootCause: triage.rootCause, sweep: timeline.sweep };
  const lines: string[] = [
    `case ${firstLook.caseId}: ${firstLook.headline}`,
    '',
    firstLook.summary,
    '',
    `verdict     ${triage.verdict} (confidence ${triage.confidence})`,
    `severity    ${triage.severity}`,
    `root cause  ${rootCause === null ? 'not determined' : rootCause.description}` +
      cite(rootCause?.eventIds ?? []),
    `lateral     ${triage.lateralMovement.detected ? 'yes' : 'no'}`,
    '',
    `techniques (${triage.techniques.length}):`,
    ...triage.techniques.map(
      (technique) =>
        `  ${technique.id.padEnd(10)} ${technique.name} (${technique.confidence})` +
        cite(technique.eventIds),
    ),
    '',
    'affected:',
    ...triage.affectedEndpoints.map(
      (endpoint) => `  endpoint ${endpoint.name} (${endpoint.role})${cite(endpoint.eventIds)}`,
    ),
    ...triage.affectedUsers.map((user) => `  account  ${user.name}${cite(user.eventIds)}`),
    '',
    'why:',
    ...triage.signals.map(
      (signal) =>
        `  ${signal.weight >= 0 ? '+' : ''}${signal.weight.toFixed(2).padStart(5)}  ` +
        `${signal.description}${cite(signal.eventIds)}`,
    ),
    '',
    `timeline (${timeline.entries.length} of ${timeline.totalEvents} events' worth):`,
    ...timeline.entries.map(
      (entry) =>
        `  ${entry.time.slice(11, 19)} ${(entry.endpoint ?? '').padEnd(12)} ${entry.summary}` +
        cite(entry.eventIds),
    ),
    '',
    `indicators (${timeline.iocs.length}):`,
    ...timeline.iocs
      .slice(0, 25)
      .map((ioc) => `  ${ioc.type.padEnd(7)} ${ioc.value}${cite(ioc.eventIds)}`),
    '',
    `fleet sweep: ${sweep.status}` +
      (sweep.status === 'ran'
        ? `, ${sweep.eventCount} events, ${sweep.hits.length} other endpoint(s)`
        : ''),
    ...timeline.sweep.hits.map(
      (hit) => `  ${hit.endpoint}: ${hit.matched.join(', ')}${cite(hit.eventIds)}`,
    ),
    '',
    'recommended next steps (not carried out):',
    ...triage.recommendedSteps.map((step) => `  - ${step.action}`),
    '',
    `notification draft: ${notification.subject}`,
    ...(firstLook.report === null ? [] : ['', `report: ${firstLook.report.title}`]),
    ...(firstLook.openQuestions.length === 0
      ? []
      : ['', 'open questions:', ...firstLook.openQuestions.map((question) => `  - ${question}`)]),
  ];

  return printable(lines.join('\n'), { keepNewlines: true });
}
