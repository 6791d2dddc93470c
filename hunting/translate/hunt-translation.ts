import type { CheckedQuery } from '../query/checked-query.ts';
import type { HuntWindow } from './extract-time-range.ts';
import type { HuntIntent } from './hunt-intent.ts';

/** What a translator makes of a question: a checked query, or a refusal saying why. */
export type HuntTranslation =
  | {
      readonly kind: 'query';
      readonly checked: CheckedQuery;
      readonly intent: HuntIntent;
      /** The window the question named; absent when it named none. */
      readonly window?: HuntWindow;
      /** Choices made on the hunter's behalf, to show beside the query. */
      readonly notes: readonly string[];
      /** Model answers that failed validation and were sent back before this one. */
      readonly repairs: number;
    }
  | HuntRefusal;

export interface HuntRefusal {
  readonly kind: 'refusal';
  readonly reason: string;
  /** Ways to ask that the translator understands. */
  readonly suggestions: readonly string[];
  readonly repairs?: number;
}

export interface TranslateRequest {
  readonly text: string;
  /** The clock's now, for relative times ("last 2 hours"). */
  readonly now: number;
}

/** Turns a hunter's question into S1QL. Offline and model-backed translators share it. */
export interface HuntTranslator {
  /** `offline` or the model spec, recorded with each message. */
  readonly id: string;
  translate(request: TranslateRequest & { signal?: AbortSignal }): Promise<HuntTranslation>;
}

export const ASKING_TIPS: readonly string[] = [
  'name the activity: process starts, network connections, DNS lookups, file writes, ' +
    'registry changes, LSASS access, scheduled tasks, logons, module loads or script blocks',
  'name what to look for: a program (powershell.exe), a command-line fragment in quotes, ' +
    'a hash, an IP, a port, a domain, a path, a registry key, a user or a host',
  'e.g. "processes started by an Office application with an encoded command this week"',
];

export const TIME_RANGE_TIPS: readonly string[] = [
  'name a recent span, e.g. "in the last 2 hours", "since yesterday", "last 30 days" or ' +
    '"between 2025-05-01 and 2025-05-03"',
];

/** The refusal for a question whose time range no hunt may search, with how to name one. */
export function timeRangeRefusal(reason: string): HuntRefusal {
  return { kind: 'refusal', reason, suggestions: TIME_RANGE_TIPS };
}
