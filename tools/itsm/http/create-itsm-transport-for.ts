import { type Clock, systemClock } from '../../../lib/clock.ts';
import { type Logger, silentLogger } from '../../../lib/logger.ts';
import { createRedactor, type Redactor } from '../../sentinelone/transport/redactor.ts';
import type { ItsmSystem } from '../itsm-api-error.ts';
import { authorizationHeader, type ItsmAuth, secretsOf } from './itsm-auth.ts';
import { createItsmTransport, type FetchLike, type ItsmTransport } from './itsm-transport.ts';

/** What both ITSM clients take; everything but `baseUrl` and `auth` has a default. */
export interface ItsmClientOptions {
  /** Instance or site origin, e.g. `https://acme.service-now.com`. */
  baseUrl: string;
  auth: ItsmAuth;
  fetch?: FetchLike;
  clock?: Clock;
  logger?: Logger;
  /** Budget of one attempt (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Uniform in [0, 1) for backoff jitter; tests pin it. */
  random?: () => number;
  /** Longest Retry-After waited inside one call (default 30 s). */
  maxWaitMs?: number;
}

export function transportFor({
  system,
  options,
  readError,
}: {
  system: ItsmSystem;
  options: ItsmClientOptions;
  readError: (body: unknown) => string | null;
}): { transport: ItsmTransport; redactor: Redactor } {
  const redactor = createRedactor(secretsOf(options.auth));
  const transport = createItsmTransport({
    system,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    authorization: authorizationHeader(options.auth),
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    redactor,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    backoff: { baseMs: 500, maxMs: 30_000, random: options.random ?? Math.random },
    maxWaitMs: options.maxWaitMs ?? 30_000,
    userAgent: 'casebook',
    readError,
  });

  return { transport, redactor };
}
