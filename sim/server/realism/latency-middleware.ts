import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../../lib/clock.ts';
import type { RealismOptions } from './realism-options.ts';
import { seededRandom } from './seeded-random.ts';

/** Delays every request by a fixed time or one drawn from a range with a seeded generator. */
export function latencyMiddleware({
  latencyMs,
  seed,
  clock,
}: {
  latencyMs: NonNullable<RealismOptions['latencyMs']>;
  seed: number;
  clock: Clock;
}): MiddlewareHandler {
  const random = seededRandom(seed ^ 0x1a7e);
  return async (c, next) => {
    const delay =
      typeof latencyMs === 'number'
        ? latencyMs
        : latencyMs.min + Math.floor(random() * (latencyMs.max - latencyMs.min + 1));
    if (delay > 0) {
      await clock.sleep(delay, c.req.raw.signal);
    }
    await next();
  };
}
