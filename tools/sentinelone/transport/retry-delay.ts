/**
 * How long the console asked us to wait, from a `Retry-After` header holding either
 * delay-seconds or an HTTP-date. Null when the header is absent or unreadable, so the
 * caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) {
    return null;
  }
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Math.round(Number(value) * 1000);
  }

  // Date.parse also reads bare numbers such as "-5" as years; an HTTP-date names a month.
  if (!/[A-Za-z]/.test(value)) {
    return null;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface BackoffPolicy {
  /** Ceiling of the first retry's wait; each retry doubles it. */
  baseMs: number;
  /** No wait is ever longer than this. */
  maxMs: number;
  /** Uniform in [0, 1); injected so tests know the exact wait. */
  random: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform wait between zero and the doubled
 * ceiling, so many clients throttled together do not come back together.
 * `retry` counts from 1 for the first retry.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const draw = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(draw * ceiling);
}
