import { z } from 'zod';
import { ConfigError } from '../../config/config-error.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { type ActivitiesApi, createActivitiesApi } from './resources/activities-api.ts';
import { type AgentsApi, createAgentsApi } from './resources/agents-api.ts';
import {
  createDeepVisibilityApi,
  type DeepVisibilityApi,
} from './resources/deep-visibility-api.ts';
import { createRunDvQuery, type RunDvQuery } from './resources/run-dv-query.ts';
import { createSystemApi, type SystemApi } from './resources/system-api.ts';
import { createThreatsApi, type ThreatsApi } from './resources/threats-api.ts';
import { createIntervalGate } from './transport/interval-gate.ts';
import { createRedactor } from './transport/redactor.ts';
import { createTransport, type FetchLike } from './transport/transport.ts';

export interface SentinelOneClientOptions {
  /** Console origin, e.g. `https://usea1-acme.sentinelone.net` or `http://127.0.0.1:4610`. */
  baseUrl: string;
  /** API token; sent as `Authorization: ApiToken <token>` and nowhere else. */
  token: string;
  fetch?: FetchLike;
  clock?: Clock;
  logger?: Logger;
  /** Budget of one attempt (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Budget of one call across attempts and waits (default 120 s). */
  deadlineMs?: number;
  userAgent?: string;
  /** Uniform in [0, 1) for backoff jitter; tests pin it. */
  random?: () => number;
  /** Ceiling of the first backoff wait, doubled per retry (default 500 ms). */
  retryBaseMs?: number;
  /** No backoff wait is longer (default 30 s). Retry-After is honoured as sent. */
  retryMaxDelayMs?: number;
}

export interface SentinelOneClient
  extends ThreatsApi,
    DeepVisibilityApi,
    AgentsApi,
    ActivitiesApi,
    SystemApi {
  /**
   * Runs an S1QL 1.0 query end to end: init, poll (1 call/s per token), then yield the
   * events page by page.
   */
  runDvQuery: RunDvQuery;
}

// The console's documented limit for /dv/query-status: one call per second per token.
const DV_STATUS_INTERVAL_MS = 1000;

const Settings = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .refine((value) => {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    }, 'a URL without credentials in it')
    .refine((value) => {
      const url = new URL(value);
      return (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '';
    }, 'the console origin only, without /web/api/v2.1 or any other path'),
  token: z
    .string()
    .trim()
    .min(1, 'a non-empty API token')
    .regex(/^[\x21-\x7e]+$/, 'an API token of visible ASCII characters only'),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  maxRetries: z.number().int().min(0).max(10).default(4),
  deadlineMs: z.number().int().min(100).max(3_600_000).default(120_000),
  userAgent: z.string().min(1).max(200).default('casebook'),
  retryBaseMs: z.number().int().min(0).max(60_000).default(500),
  retryMaxDelayMs: z.number().int().min(0).max(600_000).default(30_000),
});

function readSettings(options: SentinelOneClientOptions): z.output<typeof Settings> {
  const { fetch: _fetch, clock: _clock, logger: _logger, random: _random, ...scalars } = options;
  const result = Settings.safeParse(scalars);
  if (result.success) {
    return result.data;
  }
  // Never echo the received values: one of them is the token.
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      key: `sentinelone.${issue.path.map(String).join('.')}`,
      source: 'createSentinelOneClient',
      expected: issue.message,
    })),
  );
}

/** The one client that talks HTTP to a SentinelOne console (or the local simulator). */
export function createSentinelOneClient(options: SentinelOneClientOptions): SentinelOneClient {
  const settings = readSettings(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const redactor = createRedactor([settings.token]);

  const transport = createTransport({
    origin: new URL(settings.baseUrl).origin,
    token: settings.token,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    clock,
    logger,
    redactor,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    deadlineMs: settings.deadlineMs,
    userAgent: settings.userAgent,
    backoff: {
      baseMs: settings.retryBaseMs,
      maxMs: settings.retryMaxDelayMs,
      random: options.random ?? Math.random,
    },
  });

  const dv = createDeepVisibilityApi({
    transport,
    statusGate: createIntervalGate({ clock, intervalMs: DV_STATUS_INTERVAL_MS }),
  });

  return {
    ...createThreatsApi({ transport }),
    ...dv,
    runDvQuery: createRunDvQuery({ dv, clock, logger }),
    ...createAgentsApi({ transport }),
    ...createActivitiesApi({ transport }),
    ...createSystemApi({ transport }),
  };
}
