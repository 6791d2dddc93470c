import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { replaceApiTokens, type SimUser } from '../store/identity/sim-users.ts';
import type { SimStore } from '../store/open-sim-store.ts';
import { API_BASE } from './api-base.ts';
import { authMiddleware } from './auth-middleware.ts';
import { bodyLimitMiddleware, MaxBodyBytes } from './body-limit-middleware.ts';
import { createCursorCodec } from './cursor-codec.ts';
import { faultMiddleware } from './realism/fault-middleware.ts';
import { latencyMiddleware } from './realism/latency-middleware.ts';
import { rateLimitMiddleware } from './realism/rate-limit-middleware.ts';
import { RealismOptions, type RealismOptionsInput } from './realism/realism-options.ts';
import { activityRoutes } from './routes/activity-routes.ts';
import { agentRoutes } from './routes/agent-routes.ts';
import { dvRoutes } from './routes/dv-routes.ts';
import { systemRoutes } from './routes/system-routes.ts';
import { threatActionRoutes } from './routes/threat-action-routes.ts';
import { threatRoutes } from './routes/threat-routes.ts';
import { internalError, notFoundError, SimApiError } from './sim-api-error.ts';
import type { SimDeps, SimEnv } from './sim-env.ts';
import { parseSimOptions } from './sim-options-error.ts';
import { SimTiming, type SimTimingInput } from './sim-timing.ts';

/** A token the app accepts and the user it stands for. */
export interface SimTokenGrant {
  token: string;
  user: SimUser;
}

/**
 * The simulated console as a Hono app, everything under `/web/api/v2.1`. `tokens`, when
 * given, become the only tokens the store accepts (kept as digests); without it the
 * tokens already in the store stay valid. `signal` ends held responses when the server
 * shuts down. `maxBodyBytes` bounds request bodies (10 MiB unless given); larger ones get
 * the console's 413 before they are read.
 */
export function createSimulatorApp({
  store,
  clock = systemClock,
  tokens,
  realism: realismInput,
  timing: timingInput,
  logger = silentLogger,
  signal,
  maxBodyBytes: maxBodyBytesInput,
}: {
  store: SimStore;
  clock?: Clock;
  tokens?: readonly SimTokenGrant[];
  realism?: RealismOptionsInput;
  timing?: SimTimingInput;
  logger?: Logger;
  signal?: AbortSignal;
  maxBodyBytes?: number;
}): Hono<SimEnv> {
  const realism = parseSimOptions('realism', RealismOptions, realismInput);
  const timing = parseSimOptions('timing', SimTiming, timingInput);
  const maxBodyBytes = parseSimOptions('maxBodyBytes', MaxBodyBytes, maxBodyBytesInput);
  if (tokens !== undefined) {
    replaceApiTokens(store, tokens);
  }
  const deps: SimDeps = { store, clock, logger, codec: createCursorCodec(), timing, realism };

  const app = new Hono<SimEnv>();
  const api = new Hono<SimEnv>();

  if (realism.latencyMs !== undefined) {
    api.use(latencyMiddleware({ latencyMs: realism.latencyMs, seed: realism.seed, clock }));
  }
  api.use(authMiddleware(store));
  if (realism.rateLimits !== false) {
    api.use(rateLimitMiddleware({ rateLimits: realism.rateLimits, clock }));
  }
  if (realism.faults !== undefined && realism.faults.rate > 0) {
    api.use(
      faultMiddleware({
        faults: realism.faults,
        seed: realism.seed,
        clock,
        logger,
        shutdown: signal,
      }),
    );
  }
  // After the checks that need no body, so a refused request never has its body read.
  api.use(bodyLimitMiddleware({ maxBytes: maxBodyBytes }));

  for (const routes of [
    threatActionRoutes(deps),
    threatRoutes(deps),
    dvRoutes(deps),
    agentRoutes(deps),
    activityRoutes(deps),
    systemRoutes(),
  ]) {
    api.route('/', routes);
  }
  app.route(API_BASE, api);

  app.notFound((c) => {
    const error = notFoundError(`No such endpoint: ${c.req.method} ${c.req.path}`);
    return c.json(error.body(), 404);
  });

  app.onError((error, c) => {
    const known =
      error instanceof SimApiError ? error : internalError('The simulator failed to answer');
    if (!(error instanceof SimApiError)) {
      logger.error({ err: error, path: c.req.path }, 'simulator: request failed');
    } else {
      logger.debug({ path: c.req.path, status: known.status }, known.message);
    }
    for (const [name, value] of Object.entries(known.headers)) {
      c.header(name, value);
    }
    return c.json(known.body(), known.status as ContentfulStatusCode);
  });

  return app;
}
