import type { Clock } from '../../../lib/clock.ts';
import type { RateLimitRule } from './rate-limit-table.ts';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one request from the bucket of `who` for `path`; paths without a rule pass. */
  take(who: string, path: string): RateDecision;
}

function ruleFor(rules: readonly RateLimitRule[], path: string): RateLimitRule | undefined {
  let best: RateLimitRule | undefined;
  for (const rule of rules) {
    const matches = rule.exact === true ? path === rule.prefix : path.startsWith(rule.prefix);
    if (matches && (best === undefined || rule.prefix.length > best.prefix.length)) {
      best = rule;
    }
  }
  return best;
}

/** Token buckets per caller and rule, refilled continuously from the injected clock. */
export function createRateLimiter({
  rules,
  clock,
}: {
  rules: readonly RateLimitRule[];
  clock: Clock;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    take(who, path) {
      const rule = ruleFor(rules, path);
      if (rule === undefined) {
        return { allowed: true };
      }
      const key = `${who}\u0000${rule.prefix}\u0000${rule.exact === true}`;
      const now = clock.now();
      const bucket = buckets.get(key) ?? { tokens: rule.burst, at: now };
      bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.rps);
      bucket.at = now;
      buckets.set(key, bucket);

      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rule.rps));
      return { allowed: false, retryAfterSeconds };
    },
  };
}
