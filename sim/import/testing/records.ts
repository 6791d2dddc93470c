import { calibrateClock, eventTimeOf } from '../windows/event-clock.ts';
import { normaliseRecord, type WindowsRecord } from '../windows/windows-record.ts';
import type { RawRecord } from './windows-events.ts';

/**
 * Raw records as the importer sees them after reading: normalised, timed, with the host
 * reduced to its key (upper-case short name).
 */
export function recordsOf(raws: readonly RawRecord[]): WindowsRecord[] {
  const records = raws.map((raw, index) => {
    const record = normaliseRecord(raw, { part: 0, line: index + 1 });
    if (record === undefined) {
      throw new Error(`test record ${index + 1} has no channel or event id`);
    }
    return record;
  });
  const offsets = calibrateClock(records);
  for (const record of records) {
    record.time = eventTimeOf(record, offsets) ?? 0;
    record.host = (record.host.split('.')[0] ?? '').toUpperCase();
  }
  return records;
}
