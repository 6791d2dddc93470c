import { describe, expect, it } from 'vitest';
import { parseTimestamp, toEventTimestamp, toRestTimestamp } from './rest-time.ts';

const MS = Date.UTC(2019, 8, 15, 12, 14, 42, 440);

describe('rest-time', () => {
  it('writes REST timestamps with microseconds and event times with milliseconds', () => {
    expect(toRestTimestamp(MS)).toBe('2019-09-15T12:14:42.440000Z');
    expect(toEventTimestamp(MS)).toBe('2019-09-15T12:14:42.440Z');
  });

  it.each([
    ['2019-09-15T12:14:42.440985Z', MS],
    ['2019-09-15T12:14:42.440Z', MS],
    ['2019-09-15T14:14:42.440+02:00', MS],
    [String(MS), MS],
    ['2019-09-15', Date.UTC(2019, 8, 15)],
    ['2019-09-15T12:14Z', Date.UTC(2019, 8, 15, 12, 14)],
  ])('reads %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(['yesterday', '2019-09-15T12:14:42', '2019-13-45T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});
