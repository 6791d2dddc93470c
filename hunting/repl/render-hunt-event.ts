import { printable } from '../../lib/printable.ts';
import type { HuntEvent } from '../chat/hunt-events.ts';
import type { HuntSummary } from '../run/summarise-hunt.ts';

const SHOWN = 5;

/**
 * One hunt event as terminal lines. Telemetry (hosts, processes, outliers) goes through
 * `printable`, so control characters in an attacker's file name cannot drive the terminal.
 * Progress lines are for people watching; plain output leaves them out.
 */
export function renderHuntEvent(event: HuntEvent, { progress }: { progress: boolean }): string[] {
  switch (event.type) {
    case 'query':
      return [
        `query${event.refined ? ' (refined)' : ''}: ${printable(event.text)}`,
        `  window: ${event.window.label}; limit ${event.limit}`,
        ...event.changes.map((change) => `  · ${printable(change)}`),
      ];
    case 'explanation':
      return [`  ${printable(event.text)}`];
    case 'lint':
      return event.warnings.map((warning) => `  warning: ${printable(warning.message)}`);
    case 'progress':
      return progress ? [`  … ${event.message}`] : [];
    case 'summary':
      return renderSummary(event.summary);
    case 'refusal':
      return [
        `cannot: ${printable(event.reason)}`,
        ...event.suggestions.map((suggestion) => `  try: ${printable(suggestion)}`),
      ];
    case 'error':
      return [`error (${event.code}): ${printable(event.message)}`];
    case 'done':
      return [''];
  }
}

function counts(label: string, entries: HuntSummary['byHost']): string[] {
  if (entries.length === 0) return [];
  const shown = entries
    .slice(0, SHOWN)
    .map((entry) => `${printable(entry.value)} (${entry.count})`)
    .join(', ');
  return [`  ${label}: ${shown}`];
}

function timeBucket(bucket: HuntSummary['byTime'][number]): string {
  return `${bucket.start.slice(0, 16)}Z ${bucket.count}`;
}

function renderSummary(summary: HuntSummary): string[] {
  if (summary.total === 0) return ['results: no events matched'];
  const more = summary.truncated ? ', more on the console' : '';
  return [
    `results: ${summary.total} events${more}`,
    ...counts('hosts', summary.byHost),
    ...counts(summary.focus === 'parent' ? 'parents' : 'processes', summary.byProcess),
    `  over time: ${summary.byTime.map(timeBucket).join(', ')}`,
    ...summary.outliers
      .slice(0, SHOWN)
      .map(
        (outlier) =>
          `  rare ${outlier.field}: ${printable(outlier.value).slice(0, 120)} ` +
          `[${outlier.eventIds.join(', ')}]`,
      ),
    `  cited events: ${summary.citedEventIds.slice(0, 10).join(', ')}` +
      (summary.citedEventIds.length > 10 ? ` and ${summary.citedEventIds.length - 10} more` : ''),
  ];
}
