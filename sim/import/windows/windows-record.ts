import type { Fields } from './field-values.ts';

export type ChannelKind = 'sysmon' | 'security' | 'powershell' | 'other';

/** One Windows event, flattened the same way whatever pipeline recorded it. */
export interface WindowsRecord {
  /** Index of the recording part (file) it came from. */
  part: number;
  /** 1-based line in that part. */
  line: number;
  kind: ChannelKind;
  /** Channel with its canonical casing (`security` and `Security` are one channel). */
  channel: string;
  eventId: number;
  /** Host name as recorded; empty when the record names none. */
  host: string;
  fields: Fields;
  /** UTC epoch milliseconds, filled in once the recording's clock is calibrated. */
  time: number;
}

const KNOWN_CHANNELS: Record<string, { kind: ChannelKind; name: string }> = {
  'microsoft-windows-sysmon/operational': {
    kind: 'sysmon',
    name: 'Microsoft-Windows-Sysmon/Operational',
  },
  security: { kind: 'security', name: 'Security' },
  'windows powershell': { kind: 'powershell', name: 'Windows PowerShell' },
  'microsoft-windows-powershell/operational': {
    kind: 'powershell',
    name: 'Microsoft-Windows-PowerShell/Operational',
  },
};

/** Keys that only bloat memory: rendered text and shipper bookkeeping. */
const DROPPED_KEYS = ['Message', 'message', '@metadata', 'beat', 'event_data', 'tags'];

/**
 * Flattens a raw record from any of the OTRF pipelines: the flat OTRF/HELK shape
 * (`Channel`, `EventID`, `Hostname`), NXLog (`EventReceivedTime`, `host` = collector)
 * and Winlogbeat 6 (`log_name`, `event_id`, `computer_name`, nested `event_data`).
 * Returns undefined when the record names no channel or event id.
 */
export function normaliseRecord(
  raw: Record<string, unknown>,
  position: { part: number; line: number },
): WindowsRecord | undefined {
  const channelText = stringOf(raw.Channel ?? raw.log_name ?? raw.channel);
  const eventId = Number(raw.EventID ?? raw.event_id ?? raw.EventId);
  if (channelText === undefined || !Number.isInteger(eventId)) {
    return undefined;
  }

  const lowered = channelText.toLowerCase();
  const known = KNOWN_CHANNELS[lowered];
  const fields = flatten(raw);
  return {
    part: position.part,
    line: position.line,
    kind: known?.kind ?? 'other',
    channel: known?.name ?? lowered,
    eventId,
    host: hostOf(raw),
    fields,
    time: Number.NaN,
  };
}

function flatten(raw: Record<string, unknown>): Fields {
  const nested = raw.event_data;
  const fields: Fields =
    typeof nested === 'object' && nested !== null ? { ...raw, ...(nested as Fields) } : raw;
  for (const key of DROPPED_KEYS) {
    delete fields[key];
  }
  return fields;
}

/**
 * The endpoint that logged the event. NXLog's `host` and Winlogbeat's `host.name` name
 * the collector (a WEC server), so they only count when nothing better is present.
 */
function hostOf(raw: Record<string, unknown>): string {
  const direct = stringOf(raw.Hostname ?? raw.computer_name ?? raw.Computer ?? raw.ComputerName);
  if (direct !== undefined) {
    return direct;
  }
  const host = raw.host;
  if (typeof host === 'object' && host !== null) {
    return stringOf((host as Fields).name) ?? '';
  }
  return stringOf(host) ?? '';
}

function stringOf(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
