import { describe, expect, it } from 'vitest';
import { parseS1qlTime } from './parse-s1ql-time.ts';

describe('parseS1qlTime', () => {
  it('reads epoch milliseconds', () => {
    expect(parseS1qlTime('1714557600000')).toBe(1714557600000);
  });

  it('reads a date as UTC midnight', () => {
    expect(parseS1qlTime('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
  });

  it('reads date and time with T or a space, without a zone as UTC', () => {
    expect(parseS1qlTime('2024-05-01T10:30')).toBe(Date.UTC(2024, 4, 1, 10, 30));
    expect(parseS1qlTime('2024-05-01 10:30:15')).toBe(Date.UTC(2024, 4, 1, 10, 30, 15));
  });

  it('reads fractions down to milliseconds', () => {
    expect(parseS1qlTime('2024-05-01T10:30:15.5Z')).toBe(Date.UTC(2024, 4, 1, 10, 30, 15, 500));
    expect(parseS1qlTime('2019-09-15T12:14:42.440985Z')).toBe(
      Date.UTC(2019, 8, 15, 12, 14, 42, 440),
    );
  });

  it('applies zone offsets', () => {
    expect(parseS1qlTime('2024-05-01T12:00:00+02:00')).toBe(Date.UTC(2024, 4, 1, 10));
    expect(parseS1qlTime('2024-05-01T12:00:00-0530')).toBe(Date.UTC(2024, 4, 1, 17, 30));
    expect(parseS1qlTime('2024-05-01T12:00:00+01')).toBe(Date.UTC(2024, 4, 1, 11));
  });

  it('rejects impossible dates and times', () => {
    expect(parseS1qlTime('2023-02-29')).toBeUndefined();
    expect(parseS1qlTime('2024-13-01')).toBeUndefined();
    expect(parseS1qlTime('2024-05-01T24:00')).toBeUndefined();
    expect(parseS1qlTime('2024-05-01T10:60')).toBeUndefined();
    expect(parseS1qlTime('2024-05-01T10:00+25:00')).toBeUndefined();
  });

  it('rejects text that is not a time', () => {
    expect(parseS1qlTime('yesterday')).toBeUndefined();
    expect(parseS1qlTime('2024/05/01')).toBeUndefined();
    expect(parseS1qlTime('-5')).toBeUndefined();
    expect(parseS1qlTime('')).toBeUndefined();
  });
});
