import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { ServerEnv } from './auth/auth-context.ts';
import { requireKey } from './auth/require-key.ts';
import { ErrorBody } from './http/error-body.ts';
import { defineRoute } from './openapi/api-route.ts';
import { type ApiHarness, startApiHarness } from './testing/api-harness.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({
    extraRoutes: () => [
      defineRoute({
        method: 'post',
        path: '/v1/hunt/echo',
        operationId: 'huntEcho',
        summary: 'Echoes a question back, with who asked',
        tag: 'hunting',
        roles: ['admin', 'hunter'],
        body: z.strictObject({ question: z.string().min(1) }),
        responses: {
          200: {
            description: 'The echo',
            schema: z.strictObject({
              question: z.string(),
              askedBy: z.string(),
              tenant: z.string(),
            }),
          },
        },
        handle: ({ body, auth }) => ({
          status: 200,
          body: { question: body.question, askedBy: auth.principalId, tenant: auth.tenantId },
        }),
      }),
    ],
    extraApps: ({ store }) => {
      const app = new Hono<ServerEnv>();
      app.get('/ping', requireKey({ db: store.db, roles: ['hunter'] }), (c) =>
        c.json({ pong: c.get('auth').principalId }),
      );
      return [{ path: 'raw', app }];
    },
  });
});

afterAll(async () => {
  await h.close();
});

describe('extra routes', () => {
  it('get the same keys, roles, validation and error shape as the built-in ones', async () => {
    const echo = (key: string | undefined, body: unknown) =>
      h.request('POST', '/v1/hunt/echo', { ...(key === undefined ? {} : { key }), body });

    expect(await (await echo(h.keys.hunter, { question: 'who ran psexec?' })).json()).toEqual({
      question: 'who ran psexec?',
      askedBy: 'hank@example.com',
      tenant: 'default',
    });
    expect((await echo(undefined, { question: 'x' })).status).toBe(401);
    expect((await echo(h.keys.viewer, { question: 'x' })).status).toBe(403);
    const invalid = await echo(h.keys.hunter, { question: 'x', scope: 'all' });
    expect(invalid.status).toBe(400);
    expect(ErrorBody.parse(await invalid.json()).error.code).toBe('REQUEST_INVALID');
  });

  it('are described in /openapi.json; raw sub-apps mount under /v1 with requireKey', async () => {
    const doc = (await (await h.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-roles': string[] }>>;
    };
    expect(doc.paths['/v1/hunt/echo']?.post?.['x-roles']).toEqual(['admin', 'hunter']);

    expect(await (await h.request('GET', '/v1/raw/ping', { key: h.keys.hunter })).json()).toEqual({
      pong: 'hank@example.com',
    });
    const refused = await h.request('GET', '/v1/raw/ping', { key: h.keys.analyst });
    expect(refused.status).toBe(403);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe('FORBIDDEN');
  });
});
