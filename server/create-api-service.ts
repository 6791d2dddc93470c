import type { Hono } from 'hono';

import type { Config } from '../config/config-schema.ts';
import type { OpenDatabase } from '../db/open-database.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { VerifyTiming } from '../policy/execution/execute-write.ts';
import type { ServerEnv } from './auth/auth-context.ts';
import { type CreateServerOptions, createServer } from './create-server.ts';
import type { AnyApiRoute } from './openapi/api-route.ts';
import { createThreatPoller, type ThreatPoller } from './poller/threat-poller.ts';
import { recoverInterruptedRuns } from './runs/recover-interrupted-runs.ts';
import { createRunEvents, type RunEvents } from './runs/run-events.ts';
import { createRunQueue, type RunQueue } from './runs/run-queue.ts';
import {
  createTenantRuntimes,
  type TenantConsole,
  type TenantRuntimes,
} from './runs/tenant-runtimes.ts';

export interface ApiService {
  app: Hono<ServerEnv>;
  routes: readonly AnyApiRoute[];
  queue: RunQueue;
  events: RunEvents;
  tenants: TenantRuntimes;
  /** Present when `server.poller.enabled`. */
  poller: ThreatPoller | undefined;
  /**
   * Recovers what a stopped process left (see `recoverInterruptedRuns`), then starts the
   * queue and the poller. Called once the socket is listening, so a second server that
   * cannot bind its port never touches the first one's runs.
   */
  start(): { failed: number; requeued: number };
  /** Stops the poller, then the queue (waiting for running runs up to `timeoutMs`). */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * Everything `casebook serve` runs, without the socket: the tenants' runtimes, the run
 * queue, the optional poller and the Hono app; nothing runs until `start()`. Tests call
 * `app.request()` on it; `listen` serves it.
 */
export function createApiService({
  store,
  config,
  consoles,
  logger,
  clock = systemClock,
  webhookSecret,
  verifyTiming,
  readyTimeoutMs,
  fetch,
  extraRoutes,
  extraApps,
}: {
  store: OpenDatabase;
  config: Config;
  consoles: readonly TenantConsole[];
  logger: Logger;
  clock?: Clock;
  webhookSecret?: string | undefined;
  verifyTiming?: VerifyTiming;
  readyTimeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  extraRoutes?: CreateServerOptions['extraRoutes'];
  extraApps?: CreateServerOptions['extraApps'];
}): ApiService {
  const tenants = createTenantRuntimes({
    store,
    config,
    consoles,
    clock,
    logger,
    ...(verifyTiming === undefined ? {} : { verifyTiming }),
    ...(fetch === undefined ? {} : { fetch }),
  });
  const events = createRunEvents();
  const queue = createRunQueue({ store, tenants, config, clock, logger, events });
  const { poller: pollerSettings } = config.server;
  const poller = pollerSettings.enabled
    ? createThreatPoller({
        db: store.db,
        tenants,
        queue,
        clock,
        logger,
        intervalMs: pollerSettings.intervalMs,
        lookbackMs: pollerSettings.lookbackMs,
      })
    : undefined;

  const { app, routes } = createServer({
    store,
    tenants,
    queue,
    events,
    clock,
    logger,
    settings: config.server,
    webhookSecret,
    ...(readyTimeoutMs === undefined ? {} : { readyTimeoutMs }),
    ...(extraRoutes === undefined ? {} : { extraRoutes }),
    ...(extraApps === undefined ? {} : { extraApps }),
  });
  return {
    app,
    routes,
    queue,
    events,
    tenants,
    poller,
    start: () => {
      const recovered = recoverInterruptedRuns({ db: store.db, clock, logger });
      queue.start();
      poller?.start();
      return recovered;
    },
    close: async ({ timeoutMs } = {}) => {
      await poller?.stop();
      await queue.stop(timeoutMs === undefined ? {} : { timeoutMs });
    },
  };
}
