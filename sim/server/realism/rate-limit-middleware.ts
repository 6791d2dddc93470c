import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../../lib/clock.ts';
import { apiPathOf } from '../api-base.ts';
import { rateLimitError } from '../sim-api-error.ts';
import type { SimEnv } from '../sim-env.ts';
import { CONSOLE_RATE_LIMITS, type RateLimitRule } from './rate-limit-table.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { RealismOptions } from './realism-options.ts';

/** 429 with `Retry-After` once a token's bucket for the path is empty; runs after auth. */
export function rateLimitMiddleware({
  rateLimits,
  clock,
}: {
  rateLimits: Exclude<RealismOptions['rateLimits'], false>;
  clock: Clock;
}): MiddlewareHandler<SimEnv> {
  const rules: readonly RateLimitRule[] =
    rateLimits === true ? CONSOLE_RATE_LIMITS : rateLimits.rules;
  const limiter = createRateLimiter({ rules, clock });
  return async (c, next) => {
    const who = createHash('sha256').update(c.get('token')).digest('hex');
    const decision = limiter.take(who, apiPathOf(c.req.path));
    if (!decision.allowed) {
      throw rateLimitError(decision.retryAfterSeconds);
    }
    await next();
  };
}
