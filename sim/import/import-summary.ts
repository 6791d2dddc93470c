import type { ClockOffsets } from './windows/event-clock.ts';

/** What an import did with a recording, for the CLI and for benchmarks. */
export interface ImportSummary {
  scenarioId: string;
  title: string;
  path: string;
  metadata: { id: string; file: string; matchedBy: 'link' | 'file-name' } | null;
  /** Files read from the recording (NDJSON entries). */
  parts: number;
  /** Non-blank lines read. */
  lines: number;
  /** Lines that were not a JSON object. */
  malformedLines: number;
  /** JSON objects without a channel or event id. */
  unrecognisedRecords: number;
  /** Records with no usable clock; they take the time of the record before them. */
  undatedRecords: number;
  /** Records of a known channel and event id that have no Deep Visibility counterpart. */
  ignoredRecords: number;
  /** Security events left out because Sysmon records the same activity on that endpoint. */
  supersededRecords: number;
  /** Per source, `<channel> <event id>`: records read and events produced. */
  sources: Record<string, { records: number; mapped: number }>;
  /** Events produced per Deep Visibility event type. */
  eventTypes: Record<string, number>;
  agents: number;
  events: number;
  processes: number;
  storylines: number;
  /** Minutes each non-Sysmon clock field ran ahead of UTC (see `event-clock.ts`). */
  clockOffsetsMinutes: ClockOffsets;
  threat: {
    eventId: string;
    eventType: string;
    endpoint: string;
    processName: string | null;
    commandLine: string | null;
    method: 'adversary_view' | 'heuristic';
    score: number;
    matchedCommand: string | null;
  };
  techniques: { labelled: string[]; normalised: string[]; unmapped: string[] };
  warnings: string[];
  durationMs: number;
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

function clip(text: string | null, length: number): string {
  if (text === null) {
    return '-';
  }
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

function eventsPerSecond(summary: ImportSummary): string {
  return summary.durationMs === 0
    ? '-'
    : String(Math.round((summary.lines / summary.durationMs) * 1000));
}

/** A detailed, human-readable report of one import. */
export function formatImportSummary(summary: ImportSummary): string {
  const threat = summary.threat;
  const header = table([
    ['scenario', summary.scenarioId],
    ['title', summary.title],
    ['source', summary.path],
    ['metadata', summary.metadata === null ? 'none found' : summary.metadata.id],
    [
      'records',
      `${summary.lines} lines, ${summary.malformedLines} malformed, ` +
        `${summary.unrecognisedRecords} unrecognised, ${summary.ignoredRecords} ignored, ` +
        `${summary.supersededRecords} superseded by Sysmon`,
    ],
    [
      'scenario',
      `${summary.events} events, ${summary.agents} agents, ${summary.processes} processes, ` +
        `${summary.storylines} storylines`,
    ],
    ['threat', `${threat.eventType} on ${threat.endpoint}: ${clip(threat.commandLine, 80)}`],
    ['placed by', `${threat.method} (score ${threat.score})`],
    ['techniques', summary.techniques.normalised.join(', ') || '-'],
    ['speed', `${summary.durationMs} ms, ${eventsPerSecond(summary)} records/s`],
  ]);

  const sources = Object.entries(summary.sources).sort((a, b) => b[1].records - a[1].records);
  const sourceTable = table([
    ['source', 'records', 'events'],
    ...sources.map(([source, counts]) => [source, String(counts.records), String(counts.mapped)]),
  ]);
  const types = Object.entries(summary.eventTypes).sort((a, b) => b[1] - a[1]);
  const typeTable = table([
    ['event type', 'events'],
    ...types.map(([type, count]) => [type, String(count)]),
  ]);
  const warnings = summary.warnings.map((warning) => `warning: ${warning}`);
  return [
    header,
    '',
    sourceTable,
    '',
    typeTable,
    ...(warnings.length > 0 ? ['', ...warnings] : []),
  ].join('\n');
}

/** One line per import, for a batch run. */
export function formatImportTable(summaries: readonly ImportSummary[]): string {
  return table([
    ['scenario', 'events', 'agents', 'malformed', 'threat', 'method', 'ms'],
    ...summaries.map((summary) => [
      summary.scenarioId,
      String(summary.events),
      String(summary.agents),
      String(summary.malformedLines),
      clip(`${summary.threat.processName ?? '?'}: ${summary.threat.commandLine ?? ''}`, 60),
      summary.threat.method,
      String(summary.durationMs),
    ]),
  ]);
}
