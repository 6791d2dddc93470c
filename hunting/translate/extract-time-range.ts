import { z } from 'zod';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/**
 * The furthest back a hunt may reach, whatever unit the question uses. Deep Visibility keeps
 * telemetry for far less, so a longer window only hides a typo ("last 9999 weeks").
 */
export const MAX_HUNT_LOOKBACK_YEARS = 5;
export const MAX_HUNT_LOOKBACK_MS = MAX_HUNT_LOOKBACK_YEARS * YEAR;

/** The span a hunt searches, in epoch milliseconds, with the words it came from. */
export const HuntWindow = z.strictObject({
  fromMs: z.number().int(),
  toMs: z.number().int(),
  /** How the hunter said it, e.g. `last 2 hours`; `default` when they did not. */
  label: z.string(),
});
export type HuntWindow = z.infer<typeof HuntWindow>;

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-eight': 48,
};

const UNITS: [RegExp, number][] = [
  [/^(m|mins?|minutes?)$/, MINUTE],
  [/^(h|hrs?|hours?)$/, HOUR],
  [/^(d|days?)$/, DAY],
  [/^(w|wks?|weeks?)$/, 7 * DAY],
  [/^(months?)$/, 30 * DAY],
  [/^(y|yrs?|years?)$/, YEAR],
];

function unitMs(word: string): number | undefined {
  return UNITS.find(([pattern]) => pattern.test(word))?.[1];
}

function amountOf(word: string | undefined): number | undefined {
  if (word === undefined || word === '') return 1;
  const lower = word.toLowerCase();
  if (/^\d{1,12}$/.test(lower)) return Number(lower);
  return NUMBER_WORDS[lower];
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Monday 00:00 UTC of the week holding `ms`. */
function startOfWeek(ms: number): number {
  const day = startOfDay(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY;
}

export interface TimeRangeMatch {
  readonly kind: 'window';
  readonly window: HuntWindow;
  /** The words that said it, so the rest of the question can be read without them. */
  readonly matched: string;
}

/** A range the question names but no hunt should search, and why. */
export interface TimeRangeRefusal {
  readonly kind: 'refused';
  readonly reason: string;
  readonly matched: string;
}

const RELATIVE = new RegExp(
  [
    '\\b(?:in\\s+|over\\s+|during\\s+|within\\s+)?(?:the\\s+)?(?:last|p' +
      'ast|previous)\\s+(\\d{1,12}|[a-z-]+)?\\s*(m|mins?|minutes?|h|hrs' +
      '?|hours?|d|days?|w|wks?|weeks?|months?|y|yrs?|years?)\\b',
  ].join('|'),
  'i',
);
const COMPACT = /\b(?:last|past)\s+(\d{1,12})(m|h|d|w|y)\b/i;
const ISO_DAY = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/;
const BETWEEN = new RegExp(`\\bbetween\\s+(${ISO_DAY.source})\\s+and\\s+(${ISO_DAY.source})`, 'i');
const SINCE_DATE = new RegExp(`\\bsince\\s+(${ISO_DAY.source})`, 'i');

/** UTC epoch ms of an ISO day or time, or undefined for one the calendar has no room for. */
function parseDay(text: string): number | undefined {
  const iso = text.includes('T') || text.includes(' ') ? text.replace(' ', 'T') : `${text}T00:00Z`;
  const withZone = /Z$|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) return undefined;

  // Date.parse rolls 2025-02-30 over to 2025-03-02 and 24:00 to the next day; refuse instead.
  const [year, month, day, hour = 0, minute = 0] = (text.match(/\d+/g) ?? []).map(Number);
  const exact = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour, minute));
  const fits =
    exact.getUTCFullYear() === year &&
    exact.getUTCMonth() + 1 === month &&
    exact.getUTCDate() === day &&
    exact.getUTCHours() === hour &&
    exact.getUTCMinutes() === minute;
  return fits ? ms : undefined;
}

/**
 * Finds the time range a question names, relative to `now`: "last 2 hours", "past day",
 * "last 24h", "last 3 months", "today", "yesterday", "since yesterday", "this week", "last
 * week", "since 2025-05-01", "between 2025-05-01 and 2025-05-03". Days and weeks are UTC.
 * A range that is empty, reaches back more than MAX_HUNT_LOOKBACK_YEARS or names a date
 * the calendar does not have is refused, with the reason, rather than searched or guessed.
 */
export function extractTimeRange(
  text: string,
  now: number,
): TimeRangeMatch | TimeRangeRefusal | undefined {
  const found = findTimeRange(text, now);
  if (found === undefined || found.kind === 'refused') return found;

  const { fromMs, toMs, label } = found.window;
  const refuse = (reason: string): TimeRangeRefusal => ({
    kind: 'refused',
    reason,
    matched: found.matched,
  });
  if (toMs <= fromMs)
    return refuse(`"${label}" is an empty time range; name a span that ends after it starts`);
  if (toMs > now + DAY) {
    return refuse(`"${label}" ends in the future; name a range that ends by now`);
  }
  if (fromMs < now - MAX_HUNT_LOOKBACK_MS) {
    return refuse(
      `"${label}" reaches back further than a hunt may search, at most ` +
        `${MAX_HUNT_LOOKBACK_YEARS} years; name a shorter or more recent range`,
    );
  }
  return found;
}

function findTimeRange(text: string, now: number): TimeRangeMatch | TimeRangeRefusal | undefined {
  const compact = COMPACT.exec(text);
  if (compact !== null) {
    const unit = unitMs(compact[2]?.toLowerCase() ?? '');
    const amount = Number(compact[1]);
    if (unit !== undefined) return relative(compact[0], amount, unit, now);
  }

  const between = BETWEEN.exec(text);
  if (between !== null) {
    const fromDay = between[1] ?? '';
    const from = parseDay(fromDay);
    const toDay = between[2] ?? '';
    const to = parseDay(toDay);
    if (from === undefined) return impossibleDate(between[0], fromDay);
    if (to === undefined) return impossibleDate(between[0], toDay);
    // A bare end date means the whole of that day.
    const end = /^\d{4}-\d{2}-\d{2}$/.test(toDay) ? to + DAY - 1 : to;
    const window = { fromMs: from, toMs: end, label: between[0] };
    return { kind: 'window', matched: between[0], window };
  }

  const sinceDate = SINCE_DATE.exec(text);
  if (sinceDate !== null) {
    const day = sinceDate[1] ?? '';
    const from = parseDay(day);
    if (from === undefined) return impossibleDate(sinceDate[0], day);
    const window = { fromMs: from, toMs: now, label: sinceDate[0] };
    return { kind: 'window', matched: sinceDate[0], window };
  }

  const rel = RELATIVE.exec(text);
  if (rel !== null) {
    const amount = amountOf(rel[1]);
    const unit = unitMs(rel[2]?.toLowerCase() ?? '');
    if (amount !== undefined && unit !== undefined) return relative(rel[0], amount, unit, now);
    // "the last twenty-five days": a span was asked for, so guessing one would be wrong.
    if (unit !== undefined) {
      return {
        kind: 'refused',
        reason: `"${rel[0]}" names an amount casebook cannot read; write it in digits`,
        matched: rel[0],
      };
    }
  }

  const named: [RegExp, () => [number, number]][] = [
    [/\bsince\s+yesterday\b/i, () => [startOfDay(now) - DAY, now]],
    [/\byesterday\b/i, () => [startOfDay(now) - DAY, startOfDay(now) - 1]],
    [/\btoday\b/i, () => [startOfDay(now), now]],
    [/\bthis\s+week\b/i, () => [startOfWeek(now), now]],
    [/\blast\s+week\b/i, () => [startOfWeek(now) - 7 * DAY, startOfWeek(now) - 1]],
    [/\b(?:the\s+)?last\s+hour\b/i, () => [now - HOUR, now]],
    [/\bthis\s+month\b/i, () => [Date.UTC(utc(now).y, utc(now).m, 1), now]],
  ];
  for (const [pattern, range] of named) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const [fromMs, toMs] = range();
    const label = match[0].trim().toLowerCase();
    return { kind: 'window', matched: match[0], window: { fromMs, toMs, label } };
  }

  return undefined;
}

function utc(ms: number): { y: number; m: number } {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() };
}

function relative(matched: string, amount: number, unit: number, now: number): TimeRangeMatch {
  const label = matched
    .trim()
    .replace(/^(in|over|during|within)\s+/i, '')
    .replace(/^the\s+/i, '')
    .toLowerCase();
  return { kind: 'window', matched, window: { fromMs: now - amount * unit, toMs: now, label } };
}

function impossibleDate(matched: string, day: string): TimeRangeRefusal {
  return {
    kind: 'refused',
    matched,
    reason: `"${day}" is not a date on the calendar; write a real day as YYYY-MM-DD`,
  };
}
