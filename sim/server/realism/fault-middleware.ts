import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import { apiPathOf } from '../api-base.ts';
import { gatewayTimeoutError, internalError } from '../sim-api-error.ts';
import type { FaultKind, RealismOptions } from './realism-options.ts';
import { seededRandom } from './seeded-random.ts';
import { truncateResponseBody } from './truncate-response-body.ts';

/**
 * Decides, request by request, whether a fault fires and which. Only eligible requests
 * draw from the generator, so the sequence of faults depends only on the seed and on the
 * sequence of eligible requests.
 */
export function createFaultPicker({
  faults,
  seed,
}: {
  faults: NonNullable<RealismOptions['faults']>;
  seed: number;
}): (path: string) => FaultKind | null {
  const random = seededRandom(seed);
  return (path) => {
    if (faults.paths !== undefined && !faults.paths.some((prefix) => path.startsWith(prefix))) {
      return null;
    }
    const roll = random();
    const pick = random();
    if (roll >= faults.rate) {
      return null;
    }
    return faults.kinds[Math.floor(pick * faults.kinds.length)] ?? null;
  };
}

/**
 * `error` answers 500 without running the handler; `timeout` holds the response for
 * `holdMs` and then answers 504, or stops quietly when the client (or the server) hangs
 * up first; `malformed` runs the handler, so its effect is real, and cuts its JSON body
 * in half, which is what a client that retries blindly must survive.
 */
export function faultMiddleware({
  faults,
  seed,
  clock,
  logger,
  shutdown,
}: {
  faults: NonNullable<RealismOptions['faults']>;
  seed: number;
  clock: Clock;
  logger: Logger;
  shutdown?: AbortSignal;
}): MiddlewareHandler {
  const pick = createFaultPicker({ faults, seed });
  return async (c, next) => {
    const path = apiPathOf(c.req.path);
    const fault = pick(path);
    if (fault === null) {
      await next();
      return;
    }
    logger.info({ path, method: c.req.method, fault }, 'simulator: injecting a fault');

    if (fault === 'error') {
      throw internalError('Injected fault');
    }

    if (fault === 'timeout') {
      const signals = [c.req.raw.signal, ...(shutdown === undefined ? [] : [shutdown])];
      try {
        await clock.sleep(faults.holdMs, AbortSignal.any(signals));
      } catch {
        logger.debug({ path }, 'simulator: client left during an injected timeout');
        return new Response(null, { status: 499 });
      }
      throw gatewayTimeoutError();
    }

    await next();
    await truncateResponseBody(c);
  };
}
