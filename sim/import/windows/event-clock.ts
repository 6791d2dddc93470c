import type { WindowsRecord } from './windows-record.ts';

/**
 * Event times in UTC.
 *
 * Sysmon's `UtcTime` is true UTC. The other clocks in OTRF recordings are not:
 * `@timestamp` and `TimeCreated` were written by the collector in its local time yet often
 * carry a `Z`, and NXLog's `EventTime` is the endpoint's local time without a zone. The
 * offset differs per recording (-19 h to +8 h in the stored set).
 *
 * Rule: for each clock field, take every Sysmon record of the recording that has both
 * `UtcTime` and that field, read the field as a wall clock (ignoring any zone suffix),
 * round the difference to the nearest quarter hour (real zone offsets are multiples of
 * 15 minutes; the remainder is shipping delay) and keep the most frequent value. A record
 * without `UtcTime` then takes the first of `TimeCreated`, `EventTime`, `@timestamp`
 * whose offset is known, minus that offset. With no Sysmon record to calibrate against,
 * a field with an explicit zone is trusted as written and one without is read as UTC.
 */

export const CLOCK_FIELDS = ['TimeCreated', 'EventTime', '@timestamp'] as const;
export type ClockField = (typeof CLOCK_FIELDS)[number];

/** Minutes each clock field runs ahead of UTC in this recording. */
export type ClockOffsets = Partial<Record<ClockField, number>>;

const QUARTER_HOUR = 15 * 60_000;
/** Sysmon records after which the offsets are settled; later ones cannot change them. */
const ENOUGH_VOTES = 5_000;
const WALL_CLOCK =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;

interface ParsedClock {
  wall: number;
  /** Minutes east of UTC when the text carries a zone. */
  zone: number | undefined;
}

function parseClock(value: unknown): ParsedClock | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = WALL_CLOCK.exec(value.trim());
  if (match === null) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  return Number.isNaN(wall) ? undefined : { wall, zone: zoneMinutes(zone) };
}

function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) {
    return undefined;
  }
  if (zone === 'Z') {
    return 0;
  }
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/** Reads Sysmon's `2020-10-23 06:36:43.542` (always UTC) as epoch milliseconds. */
export function parseUtcTime(value: unknown): number | undefined {
  return parseClock(value)?.wall;
}

/** Finds the offset of each clock field from the Sysmon records that carry `UtcTime`. */
export function calibrateClock(records: readonly WindowsRecord[]): ClockOffsets {
  const votes = new Map<ClockField, Map<number, number>>();
  let counted = 0;
  for (const record of records) {
    if (record.kind !== 'sysmon') {
      continue;
    }
    counted += 1;
    if (counted > ENOUGH_VOTES) {
      break;
    }
    const utc = parseUtcTime(record.fields.UtcTime);
    if (utc === undefined) {
      continue;
    }
    for (const field of CLOCK_FIELDS) {
      const clock = parseClock(record.fields[field]);
      if (clock === undefined) {
        continue;
      }
      const offset = Math.round((clock.wall - utc) / QUARTER_HOUR) * 15;
      const tally = votes.get(field) ?? new Map<number, number>();
      tally.set(offset, (tally.get(offset) ?? 0) + 1);
      votes.set(field, tally);
    }
  }

  const offsets: ClockOffsets = {};
  for (const [field, tally] of votes) {
    let best: [number, number] | undefined;
    for (const entry of tally) {
      if (best === undefined || entry[1] > best[1]) {
        best = entry;
      }
    }
    if (best !== undefined) {
      offsets[field] = best[0];
    }
  }
  return offsets;
}

/** The UTC time of a record under the calibration rule above; undefined if it has no clock. */
export function eventTimeOf(record: WindowsRecord, offsets: ClockOffsets): number | undefined {
  const utc = parseUtcTime(record.fields.UtcTime);
  if (utc !== undefined) {
    return utc;
  }

  for (const field of CLOCK_FIELDS) {
    const offset = offsets[field];
    const clock = offset === undefined ? undefined : parseClock(record.fields[field]);
    if (clock !== undefined && offset !== undefined) {
      return clock.wall - offset * 60_000;
    }
  }
  for (const field of CLOCK_FIELDS) {
    const clock = parseClock(record.fields[field]);
    if (clock !== undefined) {
      return clock.wall - (clock.zone ?? 0) * 60_000;
    }
  }
  return undefined;
}
