import type { Context } from 'hono';
import type { z } from 'zod';

import type { ApiKeyRole, AuthContext, ServerEnv } from '../auth/auth-context.ts';

type AnyObject = z.ZodObject;

/** A documented response of a route: its body schema, or a stream's content type. */
export interface RouteResponse {
  description: string;
  /** The JSON body; validated before it is sent. */
  schema?: z.ZodType;
  /** For bodies that are not JSON, such as `text/event-stream` or `text/html`. */
  contentType?: string;
}

/** What a handler answers: a JSON body checked against its status's schema. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput<Params, Query, Headers, Body> {
  params: Params;
  query: Query;
  headers: Headers;
  body: Body;
  /** The body exactly as received (webhook signatures are computed over it). */
  rawBody: string;
  /** Undefined only on public routes. */
  auth: AuthContext;
  context: Context<ServerEnv>;
}

/**
 * One operation of the API, declared once: the same zod schemas validate its requests
 * and responses and describe it in `/openapi.json`. `roles: 'public'` needs no key;
 * otherwise the key's role must be listed. A handler returns a `Reply`, or a `Response`
 * of its own for streams and pages.
 */
export interface ApiRoute<
  Params extends AnyObject = AnyObject,
  Query extends AnyObject = AnyObject,
  Headers extends AnyObject = AnyObject,
  Body extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/v1/runs/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  roles: readonly ApiKeyRole[] | 'public';
  params?: Params;
  query?: Query;
  /** Request headers the route reads, with lower-case names. */
  headers?: Headers;
  body?: Body;
  /**
   * The handler parses the body itself (a webhook checks its signature first); `body`
   * then only describes it.
   */
  rawBody?: boolean;
  responses: Record<number, RouteResponse>;
  handle(
    input: RouteInput<z.output<Params>, z.output<Query>, z.output<Headers>, z.output<Body>>,
  ): Promise<Reply | Response> | Reply | Response;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of routes holds routes of any schemas.
export type AnyApiRoute = ApiRoute<any, any, any, any>;

/** Declares a route with its handler's input typed from its schemas. */
export function defineRoute<
  Params extends AnyObject = z.ZodObject<Record<never, never>>,
  Query extends AnyObject = z.ZodObject<Record<never, never>>,
  Headers extends AnyObject = z.ZodObject<Record<never, never>>,
  Body extends z.ZodType = z.ZodUndefined,
>(route: ApiRoute<Params, Query, Headers, Body>): AnyApiRoute {
  return route;
}
