import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ApiHarness, startApiHarness } from '../testing/api-harness.ts';
import { ErrorBody } from './error-body.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ config: { server: { maxBodyBytes: 2_048 } } });
});

afterAll(async () => {
  await h.close();
});

/** Every error answers in the one shape, with no stack, path or SQL in it. */
async function errorOf(response: Response) {
  const text = await response.text();
  expect(text).not.toMatch(/\bat .+\.ts:\d+|node_modules|SELECT|sqlite/i);
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe('bad requests', () => {
  it('answers malformed JSON with 400 JSON_MALFORMED', async () => {
    const response = await h.request('POST', '/v1/cases/1/runs', {
      key: h.keys.analyst,
      raw: '{"report": tru',
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'JSON_MALFORMED', fault: 'user' });
  });

  it('refuses unknown fields rather than ignoring them, naming each', async () => {
    const response = await h.request('POST', '/v1/cases/1/runs', {
      key: h.keys.analyst,
      body: { report: true, priority: 'high' },
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'REQUEST_INVALID',
      details: { part: 'body', issues: [{ path: '(root)', message: 'unknown priority' }] },
    });

    const query = await h.request('GET', '/v1/actions?state=pending', { key: h.keys.analyst });
    expect(query.status).toBe(400);
    expect((await errorOf(query)).details).toMatchObject({ part: 'query' });
  });

  it('answers an oversized body with 413 before reading it', async () => {
    const response = await h.request('POST', '/v1/actions/x/approve', {
      key: h.keys.analyst,
      body: { comment: 'x'.repeat(4_000) },
    });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    const webhook = await h.webhook({ threatId: '1', padding: 'y'.repeat(4_000) });
    expect(webhook.status).toBe(413);
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await h.request('POST', '/v1/cases/1/runs', {
      key: h.keys.analyst,
      raw: 'report=true',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).message).toContain('Content-Type: application/json');
  });

  it('answers unknown ids and routes with 404, and a malformed threat id with 400', async () => {
    for (const path of [
      '/v1/runs/run-nope',
      '/v1/actions/ha_nope',
      '/v1/cases/42',
      '/v1/nothing',
    ]) {
      const response = await h.request('GET', path, { key: h.keys.admin });
      expect(response.status, path).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
    const approve = await h.request('POST', '/v1/actions/ha_nope/approve', {
      key: h.keys.admin,
      body: {},
    });
    expect(approve.status).toBe(404);
    const malformed = await h.request('GET', '/v1/cases/not-a-threat', { key: h.keys.admin });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).details).toMatchObject({ part: 'path' });
  });

  it('answers a method a path does not have with 405 and the ones it has', async () => {
    const response = await h.request('DELETE', '/v1/runs/run-1', { key: h.keys.admin });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect((await errorOf(response)).code).toBe('METHOD_NOT_ALLOWED');
    const get = await h.request('GET', '/v1/webhooks/sentinelone', { key: h.keys.admin });
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('asks for caseId or runId before listing audit entries', async () => {
    const response = await h.request('GET', '/v1/audit', { key: h.keys.admin });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain('caseId=');
  });
});
