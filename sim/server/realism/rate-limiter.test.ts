import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../lib/clock.ts';
import { CONSOLE_RATE_LIMITS } from './rate-limit-table.ts';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the rule rate', () => {
    const clock = createManualClock();
    const limiter = createRateLimiter({ rules: [{ prefix: '/x', rps: 2, burst: 3 }], clock });
    const take = () => limiter.take('me', '/x/y');

    expect([take(), take(), take()]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    expect(take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(500);
    expect(take()).toEqual({ allowed: true });
    expect(take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps a bucket per caller', () => {
    const limiter = createRateLimiter({ rules: CONSOLE_RATE_LIMITS, clock: createManualClock() });
    expect(limiter.take('alice', '/dv/init-query')).toEqual({ allowed: true });
    expect(limiter.take('bob', '/dv/init-query')).toEqual({ allowed: true });
    expect(limiter.take('alice', '/dv/init-query')).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
    });
  });

  it('tells the threat list apart from its sub-paths', () => {
    const limiter = createRateLimiter({ rules: CONSOLE_RATE_LIMITS, clock: createManualClock() });
    for (let i = 0; i < 50; i++) {
      expect(limiter.take('me', '/threats').allowed).toBe(true);
    }
    expect(limiter.take('me', '/threats')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('me', '/threats/123/notes')).toEqual({ allowed: true });
  });

  it('lets paths without a rule through', () => {
    const limiter = createRateLimiter({ rules: CONSOLE_RATE_LIMITS, clock: createManualClock() });
    for (let i = 0; i < 5_000; i++) {
      expect(limiter.take('me', '/dv/events').allowed).toBe(true);
    }
  });
});
