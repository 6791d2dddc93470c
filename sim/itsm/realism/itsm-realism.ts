import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

import type { Clock } from '../../../lib/clock.ts';
import { createFaultPicker } from '../../server/realism/fault-middleware.ts';
import { latencyMiddleware } from '../../server/realism/latency-middleware.ts';
import { createRateLimiter } from '../../server/realism/rate-limiter.ts';
import { FaultOptions } from '../../server/realism/realism-options.ts';
import { truncateResponseBody } from '../../server/realism/truncate-response-body.ts';

/**
 * The switches of the SentinelOne simulator, for an ITSM: a rate limit per credential
 * (429 + Retry-After), latency, and seeded faults (500, a hang, truncated JSON).
 */
export const ItsmRealismOptions = z
  .strictObject({
    seed: z.number().int().default(1),
    rateLimit: z
      .union([
        z.literal(false),
        z.strictObject({ rps: z.number().positive(), burst: z.number().int().min(1) }),
      ])
      .default(false),
    latencyMs: z
      .union([
        z.number().int().min(0),
        z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) }),
      ])
      .optional(),
    faults: FaultOptions.optional(),
  })
  .prefault({});
export type ItsmRealismOptionsInput = z.input<typeof ItsmRealismOptions>;

/**
 * Switches a test flips while the simulator runs: `down` answers 503 to everything
 * (an outage), `failNext` answers the next requests with these statuses, in order.
 */
export interface ForcedFailure {
  status: number;
  /** Only a request with this method (and path prefix) triggers it. */
  method?: string;
  path?: string;
  /** Run the request for real and cut its JSON body in half (the effect happens). */
  truncate?: boolean;
}

export interface ItsmSimControl {
  down: boolean;
  failNext: ForcedFailure[];
  /** Seconds sent with a forced 429 or 503. */
  retryAfterSeconds: number;
}

export function createItsmSimControl(): ItsmSimControl {
  return { down: false, failNext: [], retryAfterSeconds: 1 };
}

export type ErrorResponder = (
  status: number,
  message: string,
  headers?: Record<string, string>,
) => Response;

/** The realism middlewares in the order a real front end applies them. */
export function itsmRealism({
  options: input,
  control,
  clock,
  who,
  errorResponse,
}: {
  options?: ItsmRealismOptionsInput;
  control: ItsmSimControl;
  clock: Clock;
  /** The caller's identity for rate limiting (a hash of its credentials). */
  who: (header: string) => string;
  errorResponse: ErrorResponder;
}): MiddlewareHandler[] {
  const options = ItsmRealismOptions.parse(input);
  const handlers: MiddlewareHandler[] = [];

  if (options.latencyMs !== undefined) {
    handlers.push(latencyMiddleware({ latencyMs: options.latencyMs, seed: options.seed, clock }));
  }

  handlers.push(async (c, next) => {
    const retryAfter = { 'Retry-After': String(control.retryAfterSeconds) };
    if (control.down) return errorResponse(503, 'Service Unavailable', retryAfter);
    const index = control.failNext.findIndex(
      (failure) =>
        (failure.method === undefined || failure.method === c.req.method) &&
        (failure.path === undefined || c.req.path.startsWith(failure.path)),
    );
    const forced = index < 0 ? undefined : control.failNext.splice(index, 1)[0];
    if (forced === undefined) {
      await next();
      return;
    }
    if (forced.truncate !== true) {
      const message = forced.status === 429 ? 'Rate limit exceeded' : 'Injected failure';
      return errorResponse(forced.status, message, retryAfter);
    }
    await next();
    await truncateResponseBody(c);
  });

  if (options.rateLimit !== false) {
    const limiter = createRateLimiter({
      rules: [{ prefix: '/', rps: options.rateLimit.rps, burst: options.rateLimit.burst }],
      clock,
    });
    handlers.push(async (c, next) => {
      const decision = limiter.take(who(c.req.header('authorization') ?? ''), c.req.path);
      if (!decision.allowed) {
        return errorResponse(429, 'Rate limit exceeded', {
          'Retry-After': String(decision.retryAfterSeconds),
        });
      }
      await next();
    });
  }

  if (options.faults !== undefined && options.faults.rate > 0) {
    const faults = { ...options.faults, paths: undefined };
    const pick = createFaultPicker({ faults, seed: options.seed });
    handlers.push(async (c, next) => {
      const fault = pick(c.req.path);
      if (fault === null) {
        await next();
        return;
      }
      if (fault === 'error') return errorResponse(500, 'Injected fault');
      if (fault === 'timeout') {
        try {
          await clock.sleep(faults.holdMs, c.req.raw.signal);
        } catch {
          return new Response(null, { status: 499 });
        }
        return errorResponse(504, 'Gateway Timeout');
      }
      await next();
      await truncateResponseBody(c);
    });
  }

  return handlers;
}
