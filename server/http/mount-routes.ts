import type { Handler, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import type { CasebookDb } from '../../db/open-database.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuthContext, ServerEnv } from '../auth/auth-context.ts';
import { requireKey } from '../auth/require-key.ts';
import type { AnyApiRoute, Reply } from '../openapi/api-route.ts';
import { ApiError } from './api-error.ts';
import { parseInput, parseJsonText, requireJsonContent } from './request-input.ts';

const WITH_BODY = new Set(['post', 'put', 'patch']);

/** `/v1/runs/{id}` as Hono writes it: `/v1/runs/:id`. */
export function honoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/**
 * Mounts routes on an app: key and role first, then path, query, headers and body
 * checked against the route's schemas, then the handler, whose reply is checked
 * against the schema of its status before it leaves. A path answers other methods
 * with 405 and the methods it has.
 */
export function mountRoutes({
  app,
  routes,
  db,
  logger,
}: {
  app: Hono<ServerEnv>;
  routes: readonly AnyApiRoute[];
  db: CasebookDb;
  logger: Logger;
}): void {
  const methods = new Map<string, string[]>();

  for (const route of routes) {
    const path = honoPath(route.path);
    methods.set(path, [...(methods.get(path) ?? []), route.method.toUpperCase()]);
    const handler: Handler<ServerEnv> = async (c) => {
      const params = route.params ? parseInput('path', route.params, c.req.param()) : {};
      const query = route.query ? parseInput('query', route.query, c.req.query()) : {};
      const headers = route.headers
        ? parseInput(
            'header',
            route.headers,
            Object.fromEntries(
              Object.keys(route.headers.shape).map((name) => [name, c.req.header(name)]),
            ),
          )
        : {};
      const rawBody = WITH_BODY.has(route.method) ? await c.req.text() : '';
      let body: unknown;
      if (route.body !== undefined && route.rawBody !== true) {
        requireJsonContent(c.req.header('content-type'), rawBody);
        body = parseInput('body', route.body, parseJsonText(rawBody));
      }

      const result = await route.handle({
        params,
        query,
        headers,
        body,
        rawBody,
        auth: c.get('auth') as AuthContext,
        context: c,
      });
      if (result instanceof Response) return result;

      return c.json(checkReply({ route, reply: result, logger }), {
        status: result.status as ContentfulStatusCode,
        headers: result.headers ?? {},
      });
    };

    const method = route.method.toUpperCase();
    if (route.roles === 'public') app.on(method, path, handler);
    else app.on(method, path, requireKey({ db, roles: route.roles }), handler);
  }

  for (const [path, allowed] of methods) {
    app.all(path, () => {
      throw new ApiError({
        code: 'METHOD_NOT_ALLOWED',
        message: `this path answers ${allowed.join(', ')}`,
        headers: { Allow: allowed.join(', ') },
      });
    });
  }
}

/** The reply's body as its schema outputs it; a reply off its own contract is a defect. */
function checkReply({
  route,
  reply,
  logger,
}: {
  route: AnyApiRoute;
  reply: Reply;
  logger: Logger;
}): unknown {
  const schema = route.responses[reply.status]?.schema;
  const parsed = schema?.safeParse(reply.body);
  if (parsed?.success === true) return parsed.data;

  logger.error(
    { operation: route.operationId, status: reply.status, issues: parsed?.error.issues },
    'server: a reply does not match its schema',
  );
  throw new Error(`${route.operationId} replied ${reply.status} off its schema`);
}
