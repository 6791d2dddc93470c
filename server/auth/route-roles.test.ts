import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '../http/error-body.ts';
import { ActionList, RunAccepted } from '../schemas/api-schemas.ts';
import { type ApiHarness, PHISHING_THREAT, startApiHarness } from '../testing/api-harness.ts';
import { revokeApiKey } from './api-keys.ts';
import { type ApiKeyRole, ApiKeyRole as Roles } from './auth-context.ts';

const ALL = Roles.options;

/** Who may call what: written out here, so a change to the roles is a change to this test. */
const EXPECTED: Record<string, readonly ApiKeyRole[]> = {
  'POST /v1/webhooks/sentinelone': ['admin', 'automation'],
  'POST /v1/cases/{threatId}/runs': ['admin', 'analyst', 'hunter', 'automation'],
  'GET /v1/runs/{id}': ALL,
  'GET /v1/runs/{id}/events': ALL,
  'GET /v1/cases/{threatId}': ALL,
  'GET /v1/actions': ['admin', 'analyst', 'hunter', 'viewer'],
  'GET /v1/actions/{id}': ['admin', 'analyst', 'hunter', 'viewer'],
  'POST /v1/actions/{id}/approve': ['admin', 'analyst'],
  'POST /v1/actions/{id}/deny': ['admin', 'analyst'],
  'POST /v1/actions/{id}/edit-and-approve': ['admin', 'analyst'],
  'GET /v1/audit': ['admin', 'analyst'],
  'GET /v1/audit/verify': ['admin', 'analyst'],
  'POST /v1/hunt/threads': ['admin', 'analyst', 'hunter'],
  'GET /v1/hunt/threads': ['admin', 'analyst', 'hunter'],
  'GET /v1/hunt/threads/{id}': ['admin', 'analyst', 'hunter'],
  'POST /v1/hunt/threads/{id}/messages': ['admin', 'analyst', 'hunter'],
  'POST /v1/hunt/threads/{id}/promote': ['admin', 'analyst', 'hunter'],
};
const PUBLIC = ['GET /health/live', 'GET /health/ready', 'GET /openapi.json', 'GET /docs'];

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

/** A concrete path for a route: ids that exist nowhere, so allowed calls change nothing. */
function concrete(path: string): string {
  return path.replace('{threatId}', '1').replace('{id}', 'no-such-id');
}

const cases = Object.entries(EXPECTED).flatMap(([route, allowed]) =>
  ALL.map((role) => ({ route, role, allowed: allowed.includes(role) })),
);

describe('roles', () => {
  it('lists every route of the API, and only the health and docs routes are public', () => {
    const declared = h.service.routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(declared.filter((route) => !PUBLIC.includes(route)).sort()).toEqual(
      Object.keys(EXPECTED).sort(),
    );
    for (const route of h.service.routes) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      expect(route.roles === 'public' ? PUBLIC : EXPECTED[name]).toEqual(
        route.roles === 'public' ? expect.arrayContaining([name]) : route.roles,
      );
    }
  });

  it.each(cases)('$role on $route: allowed=$allowed', async ({ route, role, allowed }) => {
    const [method, path] = route.split(' ') as [string, string];
    const response = await h.request(method, concrete(path), {
      key: h.keys[role],
      ...(method === 'POST' ? { body: path.endsWith('edit-and-approve') ? { args: {} } : {} } : {}),
    });
    const body = response.status < 400 ? null : ErrorBody.parse(await response.json());

    if (allowed) {
      // Past the key and role checks: a webhook without a signature is still a 401.
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).not.toContain(body?.error.code);
    } else {
      expect(response.status).toBe(403);
      expect(body?.error).toMatchObject({ code: 'FORBIDDEN', fault: 'user' });
    }
  });

  it('names the refused role with the right article', async () => {
    const messageFor = async (key: string) => {
      const response = await h.request('GET', '/v1/audit', { key });
      return ErrorBody.parse(await response.json()).error.message;
    };

    expect(await messageFor(h.keys.automation)).toBe(
      'an automation key may not call GET /v1/audit',
    );
    expect(await messageFor(h.keys.viewer)).toBe('a viewer key may not call GET /v1/audit');
  });

  it.each(Object.keys(EXPECTED))(
    'refuses %s without a key, with an unknown one, with a tampered one',
    async (route) => {
      const [method, path] = route.split(' ') as [string, string];
      const tampered = h.keys.hunter.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
      for (const key of [undefined, 'cbk_000000000000_nope', tampered]) {
        const response = await h.request(method, concrete(path), key === undefined ? {} : { key });
        expect(response.status).toBe(401);
        expect(ErrorBody.parse(await response.json()).error.code).toBe('UNAUTHENTICATED');
      }
    },
  );

  it('refuses a key once it is revoked', async () => {
    const viewer = (await h.request('GET', '/v1/cases/2', { key: h.keys.viewer })).status;
    expect(viewer).toBe(404);
    const id = h.keys.viewer.split('_')[1] as string;
    revokeApiKey({ db: h.store.db, clock: h.clock, tenantId: 'default', id });
    const after = await h.request('GET', '/v1/cases/2', { key: h.keys.viewer });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer realm="casebook"');
  });
});

describe('tenants', () => {
  it("never shows a tenant's run, case or held action to another: 404, as if unknown", async () => {
    const accepted = RunAccepted.parse(
      await (await h.webhook({ threatId: PHISHING_THREAT })).json(),
    );
    await h.service.queue.idle();
    const [action] = ActionList.parse(
      await (await h.request('GET', '/v1/actions', { key: h.keys.admin })).json(),
    ).actions;
    if (action === undefined) throw new Error('the run held no action');
    expect(action).toMatchObject({ tool: 'disconnect_agents', status: 'pending' });

    const other = h.keys.otherTenant;
    for (const [method, path] of [
      ['GET', `/v1/runs/${accepted.runId}`],
      ['GET', `/v1/runs/${accepted.runId}/events`],
      ['GET', `/v1/cases/${PHISHING_THREAT}`],
      ['GET', `/v1/actions/${action.id}`],
      ['POST', `/v1/actions/${action.id}/approve`],
      ['POST', `/v1/actions/${action.id}/deny`],
    ] as const) {
      const response = await h.request(method, path, {
        key: other,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('NOT_FOUND');
    }
    expect(await (await h.request('GET', '/v1/actions', { key: other })).json()).toEqual({
      actions: [],
    });
    const audit = await h.request('GET', `/v1/audit?caseId=${PHISHING_THREAT}`, { key: other });
    expect(await audit.json()).toEqual({ entries: [] });

    // The owner still sees it, pending and untouched by the other tenant's attempts.
    const mine = await (
      await h.request('GET', `/v1/actions/${action.id}`, { key: h.keys.admin })
    ).json();
    expect(mine).toMatchObject({ status: 'pending', approvals: [] });
  });
});
