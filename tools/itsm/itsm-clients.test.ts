import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { createManualClock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/logger.ts';
import type { FetchLike } from './http/itsm-transport.ts';
import { ItsmApiError } from './itsm-api-error.ts';
import { createJiraClient } from './jira/jira-client.ts';
import { createServiceNowClient } from './servicenow/servicenow-client.ts';

const PASSWORD = 'hunter2-very-secret';
const auth = { kind: 'basic' as const, username: 'svc', password: PASSWORD };
const BASIC = Buffer.from(`svc:${PASSWORD}`).toString('base64');

function scripted(responses: (() => Response)[]) {
  const calls: { url: string; method: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({
      url,
      method: String(init.method),
      headers: init.headers as Record<string, string>,
    });
    const next = responses.shift();
    if (next === undefined) throw new Error('unexpected request');
    return next();
  };
  return { fetch, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

async function failure(promise: Promise<unknown>): Promise<ItsmApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ItsmApiError);
    return error as ItsmApiError;
  }
  throw new Error('the call succeeded');
}

describe('the ServiceNow client', () => {
  it('carries ServiceNow’s own error message and detail, and blames the right side', async () => {
    const { fetch } = scripted([
      json(403, {
        error: {
          message: 'Operation Failed',
          detail: 'ACL Exception Insert Failed due to security constraints',
        },
        status: 'failure',
      }),
    ]);
    const client = createServiceNowClient({ baseUrl: 'http://sn.test', auth, fetch });

    const error = await failure(
      client.createIncident({ table: 'incident', values: { short_description: 'x' } }),
    );

    expect(error.code).toBe('ITSM_AUTH_FAILED');
    expect(error.fault).toBe('config');
    expect(error.itsmMessage).toBe(
      'Operation Failed: ACL Exception Insert Failed due to security constraints',
    );
    expect(error.message).toMatch(
      /^ServiceNow POST \/api\/now\/table\/incident failed: HTTP 403: Operation Failed/,
    );
  });

  it('waits out a 429 for the seconds Retry-After names, then succeeds', async () => {
    const clock = createManualClock();
    const { fetch, calls } = scripted([
      json(
        429,
        {
          error: { message: 'Rate limit exceeded', detail: 'limit of 100 per hour' },
          status: 'failure',
        },
        { 'Retry-After': '7' },
      ),
      json(200, { result: [] }),
    ]);
    const client = createServiceNowClient({ baseUrl: 'http://sn.test', auth, fetch, clock });

    expect(
      await client.findByCorrelation({ table: 'incident', correlationId: 'casebook:a:1' }),
    ).toBeNull();
    expect(clock.slept).toEqual([7_000]);
    expect(calls[0]?.url).toBe(
      'http://sn.test/api/now/table/incident' +
        '?sysparm_query=correlation_id%3Dcasebook%3Aa%3A1%5EORDERBYsys_created_on' +
        '&sysparm_fields=sys_id%2Cnumber%2Cstate%2Cshort_description%2Cpriority' +
        '%2Ccorrelation_id%2Cassignment_group' +
        '&sysparm_limit=1&sysparm_exclude_reference_link=true',
    );
    expect(calls[0]?.headers.Authorization).toBe(`Basic ${BASIC}`);
  });

  it('retries a read after a 500 with jittered backoff, but never repeats a create', async () => {
    const clock = createManualClock();
    const serverError = json(500, {
      error: { message: 'Internal error', detail: null },
      status: 'failure',
    });
    const read = scripted([serverError, json(200, { result: [] })]);
    const reader = createServiceNowClient({
      baseUrl: 'http://sn.test',
      auth,
      fetch: read.fetch,
      clock,
      random: () => 0.5,
    });
    await reader.findByCorrelation({ table: 'incident', correlationId: 'k' });
    expect(clock.slept).toEqual([250]);

    const write = scripted([serverError]);
    const writer = createServiceNowClient({
      baseUrl: 'http://sn.test',
      auth,
      fetch: write.fetch,
      clock,
    });
    const error = await failure(writer.createIncident({ table: 'incident', values: {} }));
    expect([error.code, error.transient, write.calls.length]).toEqual([
      'ITSM_UNAVAILABLE',
      true,
      1,
    ]);
  });

  it('rejects an encoded-query value that would add a condition', async () => {
    const client = createServiceNowClient({
      baseUrl: 'http://sn.test',
      auth,
      fetch: scripted([]).fetch,
    });

    const error = await failure(
      client.findByCorrelation({ table: 'incident', correlationId: 'x^active=true' }),
    );

    expect(error.code).toBe('ITSM_REJECTED');
  });
});

describe('the Jira client', () => {
  it('reads both the platform and the Service Management error shapes', async () => {
    const { fetch } = scripted([
      json(400, {
        errorMessages: [],
        errors: { summary: 'You must specify a summary of the issue.' },
      }),
      json(400, {
        errorMessage: 'The request type does not exist.',
        i18nErrorMessage: { i18nKey: 'k', parameters: [] },
      }),
    ]);
    const client = createJiraClient({ baseUrl: 'https://acme.atlassian.net', auth, fetch });

    const platform = await failure(client.createIssue({ fields: {} }));
    const desk = await failure(
      client.createRequest({
        serviceDeskId: '1',
        requestTypeId: '9',
        summary: 's',
        description: { type: 'doc', version: 1, content: [] },
      }),
    );

    expect(platform.itsmMessage).toBe('summary: You must specify a summary of the issue.');
    expect([platform.code, platform.fault]).toEqual(['ITSM_REJECTED', 'user']);
    expect(desk.itsmMessage).toBe('The request type does not exist.');
  });

  it('searches through /search/jql and honours a Retry-After given as an HTTP-date', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const { fetch, calls } = scripted([
      json(
        429,
        { errorMessages: ['Rate limit exceeded.'], errors: {} },
        { 'Retry-After': 'Thu, 01 Jan 2026 12:00:03 GMT' },
      ),
      json(200, {
        issues: [{ id: '10001', key: 'SEC-1', fields: { summary: 's' } }],
        isLast: true,
      }),
    ]);
    const client = createJiraClient({ baseUrl: 'https://acme.atlassian.net', auth, fetch, clock });

    const issues = await client.search({
      jql: 'project = "SEC"',
      fields: ['summary'],
      maxResults: 1,
    });

    expect(issues.map((issue) => issue.key)).toEqual(['SEC-1']);
    expect(clock.slept).toEqual([3_000]);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST https://acme.atlassian.net/rest/api/3/search/jql',
      'POST https://acme.atlassian.net/rest/api/3/search/jql',
    ]);
  });

  it('gives up on a Retry-After longer than it may wait inside one call', async () => {
    const { fetch } = scripted([
      json(429, { errorMessages: ['Slow down'], errors: {} }, { 'Retry-After': '3600' }),
    ]);
    const client = createJiraClient({
      baseUrl: 'https://acme.atlassian.net',
      auth,
      fetch,
      clock: createManualClock(),
    });

    const error = await failure(client.myself());

    expect([error.code, error.retryAfterMs]).toEqual(['ITSM_RATE_LIMITED', 3_600_000]);
  });

  it('keeps credentials out of errors and log lines, even when the ITSM echoes them', async () => {
    let logged = '';
    const logger = createLogger({
      level: 'trace',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logged += String(chunk);
          done();
        },
      }) as never,
    });
    const { fetch } = scripted([
      json(401, { errorMessages: [`bad credentials ${PASSWORD} / Basic ${BASIC}`], errors: {} }),
      () => {
        throw new Error(`connect ECONNREFUSED with ${PASSWORD}`);
      },
    ]);
    const client = createJiraClient({
      baseUrl: 'https://acme.atlassian.net',
      auth,
      fetch,
      logger,
      maxRetries: 0,
    });

    const echoed = await failure(client.myself());
    const network = await failure(client.getProject({ projectKey: 'SEC' }));

    for (const text of [
      echoed.message,
      JSON.stringify(echoed),
      network.message,
      String(network.cause),
      logged,
    ]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(BASIC);
    }
    expect(echoed.message).toContain('[redacted]');
    expect(logged).toContain('itsm request');
  });
});
