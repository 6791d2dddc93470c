import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../config/config-error.ts';
import { createManualClock, systemClock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/logger.ts';
import { SentinelOneApiError } from './sentinelone-api-error.ts';
import { createSentinelOneClient, type SentinelOneClientOptions } from './sentinelone-client.ts';
import { createFakeFetch, type ScriptedReply } from './testing/fake-fetch.ts';
import { page, threatJson } from './testing/fixtures.ts';

const TOKEN = 'eyJraWQiOiJzaW0iLCJhbGciOiJFUzI1NiJ9.c2VjcmV0LWNsYWltcw.Zm9vYmFyLXNpZ25hdHVyZQ';
const ORIGIN = 'https://usea1-acme.sentinelone.net';
const OK_PAGE: ScriptedReply = { json: page([threatJson('715723437013282014')], null) };
const AFFECTED: ScriptedReply = { json: { data: { affected: 1 } } };

function setup(options: Partial<SentinelOneClientOptions> = {}, ...replies: ScriptedReply[]) {
  const fake = createFakeFetch(...replies);
  const clock = createManualClock();
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line) => lines.push(line) },
  });
  const client = createSentinelOneClient({
    baseUrl: ORIGIN,
    token: TOKEN,
    fetch: fake.fetch,
    clock,
    logger,
    random: () => 0.5,
    ...options,
  });
  return { client, fake, clock, lines };
}

async function failure(promise: Promise<unknown>): Promise<SentinelOneApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SentinelOneApiError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requests', () => {
  it('sends the token, JSON headers and the v2.1 path to the console origin', async () => {
    const { client, fake } = setup({ baseUrl: `${ORIGIN}/`, userAgent: 'casebook-test' }, OK_PAGE);

    await client.listThreats({ incidentStatuses: ['unresolved', 'in_progress'], limit: 50 });

    const call = fake.calls[0];
    expect(call?.method).toBe('GET');
    expect(call?.url.origin).toBe(ORIGIN);
    expect(call?.url.pathname).toBe('/web/api/v2.1/threats');
    expect(call?.url.searchParams.get('incidentStatuses')).toBe('unresolved,in_progress');
    expect(call?.url.searchParams.get('limit')).toBe('50');
    expect(call?.headers.get('authorization')).toBe(`ApiToken ${TOKEN}`);
    expect(call?.headers.get('accept')).toBe('application/json');
    expect(call?.headers.get('user-agent')).toBe('casebook-test');
    expect(call?.headers.has('content-type')).toBe(false);
  });

  it('sends a JSON body with a JSON content type on writes', async () => {
    const { client, fake } = setup({}, AFFECTED);

    await client.setIncidentStatus({ threatIds: ['715723437013282014'], status: 'in_progress' });

    expect(fake.calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(fake.calls[0]?.body).toEqual({
      filter: { ids: ['715723437013282014'] },
      data: { incidentStatus: 'in_progress' },
    });
  });

  it('works against a loopback simulator origin', async () => {
    const { client, fake } = setup(
      { baseUrl: 'http://127.0.0.1:4610' },
      { json: { data: { health: 'ok' } } },
    );

    expect(await client.systemStatus()).toEqual({ health: 'ok' });
    expect(fake.calls[0]?.url.href).toBe('http://127.0.0.1:4610/web/api/v2.1/system/status');
  });

  it('writes one debug line per attempt with method, path, status, ms and attempt', async () => {
    const { client, lines } = setup({}, { status: 503, json: {} }, OK_PAGE);

    await client.listThreats({ ids: ['715723437013282014'] });

    const requests = lines
      .map((line) => JSON.parse(line))
      .filter((l) => l.msg === 'sentinelone request');
    expect(
      requests.map(({ method, path, status, ms, attempt, level }) => ({
        method,
        path,
        status,
        ms,
        attempt,
        level,
      })),
    ).toEqual([
      { method: 'GET', path: '/web/api/v2.1/threats', status: 503, ms: 0, attempt: 1, level: 20 },
      { method: 'GET', path: '/web/api/v2.1/threats', status: 200, ms: 0, attempt: 2, level: 20 },
    ]);
  });
});

describe('rate limits', () => {
  it('waits exactly the Retry-After seconds after a 429', async () => {
    const { client, fake, clock } = setup(
      {},
      {
        status: 429,
        json: { errors: [{ code: 4290010, title: 'Too Many Requests' }] },
        headers: { 'Retry-After': '7' },
      },
      OK_PAGE,
    );

    const result = await client.listThreats();

    expect(result.items.map((threat) => threat.id)).toEqual(['715723437013282014']);
    expect(clock.slept).toEqual([7000]);
    expect(fake.calls).toHaveLength(2);
  });

  it('waits until the Retry-After HTTP-date', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const { client } = setup(
      { clock },
      { status: 429, text: '', headers: { 'Retry-After': 'Thu, 01 Jan 2026 12:00:42 GMT' } },
      OK_PAGE,
    );

    await client.listThreats();

    expect(clock.slept).toEqual([42_000]);
  });

  it('backs off with full jitter under a doubling cap when 429 has no Retry-After', async () => {
    const draws = [0.999, 0.5, 0.25];
    const { client, clock } = setup(
      { random: () => draws.shift() ?? 0, retryBaseMs: 1000, retryMaxDelayMs: 3000 },
      { status: 429, text: '' },
      { status: 429, text: '' },
      { status: 429, text: '' },
      OK_PAGE,
    );

    await client.listThreats();

    // Ceilings 1000, 2000 and then the 3000 cap.
    expect(clock.slept).toEqual([999, 1000, 750]);
  });

  it('keeps every jittered wait between zero and its ceiling', async () => {
    for (let run = 0; run < 20; run += 1) {
      const { client, lines } = setup(
        { random: Math.random, retryBaseMs: 400, retryMaxDelayMs: 1000 },
        { status: 429, text: '' },
        { status: 429, text: '' },
        OK_PAGE,
      );
      await client.listThreats();

      // The retry log line carries every wait, including a zero one that is not slept.
      const waits = lines
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.msg === 'sentinelone retry')
        .map((entry) => entry.waitMs as number);
      expect(waits).toHaveLength(2);
      const [first, second] = waits;
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(400);
      expect(second).toBeGreaterThanOrEqual(0);
      expect(second).toBeLessThan(800);
    }
  });

  it('retries a POST after a 429, since the console did not process it', async () => {
    const { client, fake, clock } = setup(
      {},
      { status: 429, text: '', headers: { 'Retry-After': '2' } },
      AFFECTED,
    );

    expect(await client.addThreatNote({ threatIds: ['715723437013282014'], text: 'hi' })).toEqual({
      affected: 1,
    });
    expect(fake.calls.map((call) => call.method)).toEqual(['POST', 'POST']);
    expect(clock.slept).toEqual([2000]);
  });

  it('gives up with a retryable rate_limited error when the retries run out', async () => {
    const throttled: ScriptedReply = { status: 429, text: '', headers: { 'Retry-After': '1' } };
    const { client, fake } = setup({ maxRetries: 2 }, throttled, throttled, throttled);

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(3);
    expect(error.kind).toBe('rate_limited');
    expect(error.fault).toBe('upstream');
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.attempts).toBe(3);
    expect(error.retryAfterMs).toBe(1000);
  });

  it('fails at once when Retry-After reaches past the call deadline', async () => {
    const { client, fake, clock } = setup(
      { deadlineMs: 60_000 },
      { status: 429, text: '', headers: { 'Retry-After': '90' } },
    );

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(1);
    expect(clock.slept).toEqual([]);
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(90_000);
  });
});

describe('retries', () => {
  it('retries a GET after a 500 and returns the later success', async () => {
    const { client, fake, clock } = setup(
      { retryBaseMs: 500 },
      { status: 500, json: { errors: [{ code: 5000000, title: 'Internal Server Error' }] } },
      OK_PAGE,
    );

    const result = await client.listThreats();

    expect(result.items).toHaveLength(1);
    expect(fake.calls).toHaveLength(2);
    expect(clock.slept).toEqual([250]);
  });

  it('never retries a POST after a 500', async () => {
    const { client, fake, clock } = setup(
      {},
      { status: 500, json: { errors: [{ code: 5000000, title: 'Internal Server Error' }] } },
      AFFECTED,
    );

    const error = await failure(
      client.mitigateThreats({ action: 'quarantine', threatIds: ['715723437013282014'] }),
    );

    expect(fake.calls).toHaveLength(1);
    expect(fake.pending()).toBe(1);
    expect(clock.slept).toEqual([]);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.fault).toBe('upstream');
    expect(error.retryable).toBe(false);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      'SentinelOne POST /web/api/v2.1/threats/mitigate/quarantine failed: ' +
        'HTTP 500, code 5000000: Internal Server Error',
    );
  });

  it('stops after maxRetries and reports every attempt', async () => {
    const down: ScriptedReply = { status: 502, text: '<html>Bad Gateway</html>' };
    const { client, fake } = setup({ maxRetries: 4 }, down, down, down, down, down);

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(5);
    expect(error.attempts).toBe(5);
    expect(error.retryable).toBe(true);
    expect(error.excerpt).toBe('<html>Bad Gateway</html>');
    expect(error.message).toBe(
      'SentinelOne GET /web/api/v2.1/threats failed: ' +
        'HTTP 502 (body: "<html>Bad Gateway</html>") (after 5 attempts)',
    );
  });

  it('does not retry a 400 and blames the caller', async () => {
    const { client, fake } = setup(
      {},
      {
        status: 400,
        json: {
          errors: [
            {
              code: 4000010,
              title: 'Validation Error',
              detail: 'Limit must be greater than or equals to 1',
            },
          ],
        },
      },
    );

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(1);
    expect(error.fault).toBe('user');
    expect(error.apiCode).toBe(4000010);
    expect(error.detail).toBe('Limit must be greater than or equals to 1');
  });

  it('treats a 404 as not_found at the caller', async () => {
    const { client } = setup(
      {},
      {
        status: 404,
        json: { errors: [{ code: 4040010, detail: null, title: 'QueryId not found' }] },
      },
    );

    const error = await failure(client.dvQueryStatus({ queryId: 'q0123456789abcdef' }));

    expect(error.kind).toBe('not_found');
    expect(error.fault).toBe('user');
    expect(error.status).toBe(404);
    expect(error.apiCode).toBe(4040010);
    expect(error.title).toBe('QueryId not found');
  });

  it('does not follow redirects, which would carry the token elsewhere', async () => {
    const { client, fake } = setup(
      {},
      { status: 302, text: '', headers: { location: 'https://login.example.com/' } },
    );

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(1);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(302);
    expect(error.fault).toBe('config');
    expect(error.detail).toBe('redirect not followed; check the console URL');
  });
});

describe('timeouts and network errors', () => {
  it('times out an attempt after exactly the configured ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client } = setup({ timeoutMs: 30_000, maxRetries: 0 }, { hang: true });

    const outcome = client.listThreats().then(
      () => 'resolved',
      (error: unknown) => error,
    );
    let settled = false;
    void outcome.then(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    const error = await outcome;
    expect(error).toBeInstanceOf(SentinelOneApiError);
    const apiError = error as SentinelOneApiError;
    expect(apiError.kind).toBe('timeout');
    expect(apiError.fault).toBe('upstream');
    expect(apiError.status).toBeNull();
    expect(apiError.detail).toBe('no response within 30000 ms');
    expect(apiError.retryable).toBe(true);
  });

  it('shortens an attempt to what is left of the call deadline and then gives up', async () => {
    // The system clock under fake timers, so attempt time and wait time share one clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { client, fake } = setup(
      { clock: systemClock, timeoutMs: 30_000, deadlineMs: 10_000 },
      { hang: true },
    );

    const outcome = failure(client.listThreats());
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await outcome;

    expect(error.kind).toBe('timeout');
    expect(error.detail).toBe('no response within 10000 ms');
    expect(error.attempts).toBe(1);
    expect(fake.calls).toHaveLength(1);
  });

  it('retries a GET that timed out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, fake, clock } = setup({ timeoutMs: 5_000 }, { hang: true }, OK_PAGE);

    const result = client.listThreats();
    await vi.advanceTimersByTimeAsync(5_000);

    expect((await result).items).toHaveLength(1);
    expect(fake.calls).toHaveLength(2);
    expect(clock.slept).toEqual([250]);
  });

  it('does not retry a POST that timed out, as the console may have applied it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, fake } = setup({ timeoutMs: 5_000 }, { hang: true }, AFFECTED);

    const outcome = failure(client.disconnectAgents({ ids: ['657613730168123595'] }));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;

    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(false);
    expect(fake.calls).toHaveLength(1);
  });

  it('reports a network error with the socket code and retries it on GET', async () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4610'), {
        code: 'ECONNREFUSED',
      }),
    });
    const { client, fake } = setup(
      { maxRetries: 1 },
      { networkError: refused },
      { networkError: refused },
    );

    const error = await failure(client.listAgents());

    expect(fake.calls).toHaveLength(2);
    expect(error.kind).toBe('network');
    expect(error.fault).toBe('upstream');
    expect(error.status).toBeNull();
    expect(error.detail).toBe('fetch failed (ECONNREFUSED)');
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, fake } = setup({}, { hang: true });
    const controller = new AbortController();
    const reason = new Error('run cancelled');

    const outcome = client
      .listThreats({ signal: controller.signal })
      .catch((error: unknown) => error);
    controller.abort(reason);

    expect(await outcome).toBe(reason);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('bad responses', () => {
  it('reports a non-JSON 200 as invalid_response with a short excerpt', async () => {
    const body = `<html><body>Service ${'x'.repeat(400)}</body></html>`;
    const { client, fake } = setup({}, { text: body });

    const error = await failure(client.listThreats());

    expect(fake.calls).toHaveLength(1);
    expect(error.kind).toBe('invalid_response');
    expect(error.fault).toBe('upstream');
    expect(error.status).toBe(200);
    expect(error.detail).toBe('response body is not JSON');
    expect(error.excerpt).toBe(`${body.slice(0, 200)}…`);
  });

  it('reports JSON of the wrong shape as invalid_response naming the bad fields', async () => {
    const threat = threatJson('715723437013282014');
    const broken = { ...threat, threatInfo: { ...threat.threatInfo, incidentStatus: 42 } };
    const { client } = setup({}, { json: page([broken], null) });

    const error = await failure(client.listThreats());

    expect(error.kind).toBe('invalid_response');
    expect(error.detail).toMatch(
      /^response does not have the expected shape: data\.0\.threatInfo\.incidentStatus: /,
    );
  });

  it('reports a list answered with an object as invalid_response', async () => {
    const { client } = setup(
      {},
      { json: { data: { sites: [] }, pagination: { nextCursor: null } } },
    );

    const error = await failure(client.listAgents());

    expect(error.kind).toBe('invalid_response');
    expect(error.detail).toBe(
      'response does not have the expected shape: ' +
        'data: Invalid input: expected array, received object',
    );
  });

  it("maps the console's 401 body to a config fault with the API code", async () => {
    const { client, fake } = setup(
      {},
      {
        status: 401,
        text: '{"errors":[{"code":4010010,"detail":null,"title":"Authentication Failed"}]}',
      },
    );

    const error = await failure(client.getThreat({ id: '715723437013282014' }));

    expect(fake.calls).toHaveLength(1);
    expect(error.kind).toBe('http');
    expect(error.fault).toBe('config');
    expect(error.code).toBe('SENTINELONE_HTTP_ERROR');
    expect(error.status).toBe(401);
    expect(error.apiCode).toBe(4010010);
    expect(error.title).toBe('Authentication Failed');
    expect(error.detail).toBeNull();
    expect(error.message).toBe(
      'SentinelOne GET /web/api/v2.1/threats failed: HTTP 401, code 4010010: Authentication Failed',
    );
  });
});

describe('token hygiene', () => {
  it('keeps the token out of every error, its cause chain and every log line', async () => {
    const echoed = `ApiToken ${TOKEN}`;
    const replies: ScriptedReply[] = [
      {
        status: 401,
        json: { errors: [{ code: 4010010, title: 'Authentication Failed', detail: echoed }] },
      },
      { status: 500, text: `proxy error: upstream rejected header Authorization: ${echoed}` },
      { text: `<pre>${echoed}</pre>` },
      { json: { data: [{ id: TOKEN }], pagination: { nextCursor: null, totalItems: 1 } } },
      {
        networkError: new TypeError(`fetch failed for ${echoed}`, {
          cause: new Error(`socket hang up (${echoed})`),
        }),
      },
    ];
    const { client, fake, lines } = setup({ maxRetries: 0 }, ...replies);

    const errors: SentinelOneApiError[] = [];
    for (let i = 0; i < replies.length; i += 1) {
      errors.push(await failure(client.listThreats({ limit: 10 })));
    }

    expect(fake.calls.every((call) => call.headers.get('authorization') === echoed)).toBe(true);
    expect(errors.map((error) => error.kind)).toEqual([
      'http',
      'http',
      'invalid_response',
      'invalid_response',
      'network',
    ]);
    const serialized = errors.flatMap((error) => [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      inspect(error, { depth: null }),
      inspect(error.cause, { depth: null }),
    ]);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...serialized, ...lines]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(errors[0]?.detail).toBe('ApiToken [redacted]');
  });

  it('refuses bad options without echoing the token', () => {
    const attempt = () =>
      createSentinelOneClient({ baseUrl: `${ORIGIN}/web/api/v2.1`, token: `${TOKEN} extra` });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const config = error as ConfigError;
      expect(config.fault).toBe('config');
      expect(config.problems.map((problem) => problem.key)).toEqual([
        'sentinelone.baseUrl',
        'sentinelone.token',
      ]);
      expect(inspect(config, { depth: null })).not.toContain(TOKEN);
    }
  });

  it('refuses an empty token and a URL with credentials', () => {
    expect(() =>
      createSentinelOneClient({
        baseUrl: 'https://user:pw@usea1-acme.sentinelone.net',
        token: '  ',
      }),
    ).toThrow(
      'invalid configuration:\n' +
        '  - sentinelone.baseUrl (from createSentinelOneClient): ' +
        'expected a URL without credentials in it\n' +
        '  - sentinelone.token (from createSentinelOneClient): expected a non-empty API token',
    );
  });
});
