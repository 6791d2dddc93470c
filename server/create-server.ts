import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

import type { ServerEnv } from './auth/auth-context.ts';
import { ApiError } from './http/api-error.ts';
import { errorResponse } from './http/error-response.ts';
import { mountRoutes } from './http/mount-routes.ts';
import type { AnyApiRoute } from './openapi/api-route.ts';
import { actionRoutes } from './routes/action-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { docsRoutes } from './routes/docs-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { huntRoutes } from './routes/hunt-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import type { ServerDeps } from './server-deps.ts';

export const API_VERSION = '1.0.0';

/** A sub-app mounted under `/v1/<path>`; guard its routes with `requireKey`. */
export interface MountedApp {
  path: string;
  app: Hono<ServerEnv>;
}

export interface CreateServerOptions extends ServerDeps {
  /**
   * More routes (hunting chat, ITSM case status), declared with `defineRoute` from the
   * same deps: they get the same key and role checks (`AuthContext` on `auth`),
   * validation, error shape and place in `/openapi.json`.
   */
  extraRoutes?: (deps: ServerDeps) => readonly AnyApiRoute[];
  /**
   * Raw Hono sub-apps under `/v1/<path>`, for what `defineRoute` cannot express; guard
   * their routes with `requireKey`. They are not in `/openapi.json`.
   */
  extraApps?: (deps: ServerDeps) => readonly MountedApp[];
}

/**
 * The HTTP API as a Hono app: body limit, routes, one error shape. It does no I/O of
 * its own at construction, so tests drive it with `app.request()`.
 */
export function createServer(options: CreateServerOptions): {
  app: Hono<ServerEnv>;
  routes: readonly AnyApiRoute[];
} {
  const { extraRoutes, extraApps, ...deps } = options;
  const app = new Hono<ServerEnv>();

  app.use(
    bodyLimit({
      maxSize: deps.settings.maxBodyBytes,
      onError: () => {
        throw new ApiError({
          code: 'PAYLOAD_TOO_LARGE',
          message: `the request body is larger than ${deps.settings.maxBodyBytes} bytes`,
        });
      },
    }),
  );

  const routes: AnyApiRoute[] = [
    ...healthRoutes(deps),
    ...webhookRoutes(deps),
    ...runRoutes(deps),
    ...caseRoutes(deps),
    ...actionRoutes(deps),
    ...auditRoutes(deps),
    ...huntRoutes(deps),
    ...(extraRoutes?.(deps) ?? []),
  ];
  routes.push(...docsRoutes({ routes: () => routes, version: API_VERSION }));
  for (const mounted of extraApps?.(deps) ?? []) {
    app.route(`/v1/${mounted.path.replace(/^\/+/, '')}`, mounted.app);
  }
  mountRoutes({ app, routes, db: deps.store.db, logger: deps.logger });

  const answerError = (error: unknown, c: Context<ServerEnv>) => {
    const where = `${c.req.method} ${c.req.path}`;
    const answer = errorResponse({ error, logger: deps.logger, where });
    return c.json(answer.body, { status: answer.status, headers: answer.headers });
  };
  app.notFound((c) =>
    answerError(new ApiError({ code: 'NOT_FOUND', message: 'no such route; /docs lists them' }), c),
  );
  app.onError(answerError);

  return { app, routes };
}
