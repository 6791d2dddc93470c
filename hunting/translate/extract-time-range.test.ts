import { describe, expect, it } from 'vitest';
import {
  extractTimeRange,
  MAX_HUNT_LOOKBACK_MS,
  MAX_HUNT_LOOKBACK_YEARS,
} from './extract-time-range.ts';

const NOW = Date.parse('2025-05-14T10:30:00Z');
const DAY = 86_400_000;
const LIMIT = `at most ${MAX_HUNT_LOOKBACK_YEARS} years`;

function reasonOf(text: string): string | undefined {
  const found = extractTimeRange(text, NOW);
  return found?.kind === 'refused' ? found.reason : undefined;
}

function windowOf(text: string) {
  const found = extractTimeRange(text, NOW);
  return found?.kind === 'window' ? found.window : undefined;
}

describe('extractTimeRange', () => {
  it('refuses "last 100 years" with the limit instead of falling back to the default', () => {
    expect(reasonOf('logons in the last 100 years')).toBe(
      `"last 100 years" reaches back further than a hunt may search, ${LIMIT}; ` +
        'name a shorter or more recent range',
    );
  });

  it('refuses "last 9999 weeks" and every other unit past the same limit', () => {
    for (const text of ['last 9999 weeks', 'last 9999d', 'last 2000 days', 'last 61 months']) {
      expect(reasonOf(`logons in the ${text}`), text).toContain(LIMIT);
    }
    expect(reasonOf('logons since 2019-01-01')).toContain(LIMIT);
    expect(reasonOf('logons between 1990-01-01 and 1990-01-02')).toContain(LIMIT);
  });

  it('accepts spans up to the limit, in years and months too', () => {
    expect(windowOf('logons in the last 5 years')?.fromMs).toBe(NOW - MAX_HUNT_LOOKBACK_MS);
    expect(windowOf('logons in the last 3 months')?.fromMs).toBe(NOW - 90 * DAY);
    expect(windowOf('logons in the last 1y')?.fromMs).toBe(NOW - 365 * DAY);
  });

  it('refuses an empty window instead of searching it', () => {
    expect(reasonOf('logons in the last 0 hours')).toBe(
      '"last 0 hours" is an empty time range; name a span that ends after it starts',
    );
    expect(reasonOf('logons last 0m')).toContain('is an empty time range');
    expect(reasonOf('logons between 2025-05-03 and 2025-05-01')).toContain(
      'is an empty time range',
    );
  });

  it('refuses impossible calendar dates instead of rolling them over', () => {
    expect(reasonOf('logons since 2025-02-30')).toBe(
      '"2025-02-30" is not a date on the calendar; write a real day as YYYY-MM-DD',
    );
    expect(reasonOf('logons between 2025-04-31 and 2025-05-02')).toContain('"2025-04-31"');
    expect(reasonOf('logons between 2025-05-01 and 2025-13-01')).toContain('"2025-13-01"');
    expect(reasonOf('logons since 2025-05-01T24:30')).toContain('"2025-05-01T24:30"');
  });

  it('still reads real dates, leap days included', () => {
    expect(windowOf('logons since 2024-02-29')?.fromMs).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(windowOf('logons between 2025-05-01 and 2025-05-03')).toEqual({
      fromMs: Date.parse('2025-05-01T00:00:00Z'),
      toMs: Date.parse('2025-05-04T00:00:00Z') - 1,
      label: 'between 2025-05-01 and 2025-05-03',
    });
    expect(reasonOf('logons since 2025-02-29')).toContain('not a date on the calendar');
  });

  it('refuses what a second tester found falling back to the default window', () => {
    expect(reasonOf('logons in the last 10000 days')).toContain(LIMIT);
    expect(reasonOf('logons in the last 100000000 hours')).toContain(LIMIT);
    expect(reasonOf('logons in the last twenty-five days')).toBe(
      '"in the last twenty-five days" names an amount casebook cannot read; write it in digits',
    );
    expect(reasonOf('logons between 2025-03-18 and 2999-12-31')).toBe(
      '"between 2025-03-18 and 2999-12-31" ends in the future; name a range that ends by now',
    );
  });

  it('reads a between range whose times carry a UTC offset', () => {
    expect(windowOf('logons between 2025-03-18T23:00+05:00 and 2025-03-19T01:00+05:00')).toEqual({
      fromMs: Date.parse('2025-03-18T18:00:00Z'),
      toMs: Date.parse('2025-03-18T20:00:00Z'),
      label: 'between 2025-03-18T23:00+05:00 and 2025-03-19T01:00+05:00',
    });
  });
});
