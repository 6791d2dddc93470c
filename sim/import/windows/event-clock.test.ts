import { describe, expect, it } from 'vitest';
import { calibrateClock, eventTimeOf, parseUtcTime } from './event-clock.ts';
import type { WindowsRecord } from './windows-record.ts';

function record(kind: WindowsRecord['kind'], fields: Record<string, unknown>): WindowsRecord {
  return { part: 0, line: 1, kind, channel: kind, eventId: 1, host: 'H', fields, time: Number.NaN };
}

describe('event clock', () => {
  it('reads Sysmon UtcTime as UTC', () => {
    expect(parseUtcTime('2020-10-23 06:36:43.542')).toBe(Date.UTC(2020, 9, 23, 6, 36, 43, 542));
    expect(parseUtcTime('not a time')).toBeUndefined();
  });

  it('finds each clock field offset from the Sysmon records, by majority', () => {
    const offsets = calibrateClock([
      // @timestamp claims Z but is four hours behind; one record is an outlier.
      record('sysmon', {
        UtcTime: '2020-10-23 06:36:43.542',
        '@timestamp': '2020-10-23T02:36:43.547Z',
      }),
      record('sysmon', {
        UtcTime: '2020-10-23 06:37:00.000',
        '@timestamp': '2020-10-23T02:37:00.900Z',
      }),
      record('sysmon', {
        UtcTime: '2020-10-23 06:38:00.000',
        '@timestamp': '2020-10-25T02:38:00.000Z',
      }),
      // NXLog EventTime: local time without zone.
      record('sysmon', { UtcTime: '2020-09-20 01:18:13.287', EventTime: '2020-09-19 21:18:13' }),
      record('security', {
        UtcTime: '2020-09-20 01:18:13.287',
        TimeCreated: '2000-01-01 00:00:00',
      }),
    ]);

    expect(offsets).toEqual({ '@timestamp': -240, EventTime: -240 });
  });

  it('takes UtcTime when present, else the first calibrated clock minus its offset', () => {
    const offsets = { TimeCreated: 480, '@timestamp': -240 };

    expect(eventTimeOf(record('sysmon', { UtcTime: '2020-10-21 04:19:09.027' }), offsets)).toBe(
      Date.UTC(2020, 9, 21, 4, 19, 9, 27),
    );
    expect(
      eventTimeOf(
        record('security', {
          TimeCreated: '2020-10-21 12:19:09.031',
          '@timestamp': '2020-10-21T00:19:09.031Z',
        }),
        offsets,
      ),
    ).toBe(Date.UTC(2020, 9, 21, 4, 19, 9, 31));
  });

  it('trusts an explicit zone, and reads a zoneless clock as UTC, when nothing calibrates', () => {
    expect(eventTimeOf(record('security', { TimeCreated: '2020-10-21T12:00:00+02:00' }), {})).toBe(
      Date.UTC(2020, 9, 21, 10, 0, 0),
    );
    expect(eventTimeOf(record('security', { EventTime: '2020-10-21 12:00:00' }), {})).toBe(
      Date.UTC(2020, 9, 21, 12, 0, 0),
    );
  });

  it('returns undefined for a record without any clock', () => {
    expect(eventTimeOf(record('security', { TimeCreated: 'yesterday' }), {})).toBeUndefined();
  });
});
