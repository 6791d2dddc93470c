import { describe, expect, it } from 'vitest';
import { type Clock, createManualClock } from '../../../lib/clock.ts';
import { SentinelOneApiError } from '../sentinelone-api-error.ts';
import { createSentinelOneClient } from '../sentinelone-client.ts';
import { createFakeFetch, type ScriptedReply } from '../testing/fake-fetch.ts';
import { dvEventJson, page } from '../testing/fixtures.ts';

const QUERY_ID = 'q7f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2';
const INIT: ScriptedReply = { json: { data: { queryId: QUERY_ID } } };
const QUERY = {
  query: 'EventType = "Process Creation" AND SrcProcName Contains "powershell"',
  fromDate: '2026-01-01T00:00:00.000Z',
  toDate: '2026-01-02T00:00:00.000Z',
};

function status(responseState: string, extra: Record<string, unknown> = {}): ScriptedReply {
  return { json: { data: { responseState, ...extra } } };
}

function setup(
  clock: Clock & { slept: number[] } = createManualClock(),
  ...replies: ScriptedReply[]
) {
  const fake = createFakeFetch(...replies);
  const client = createSentinelOneClient({
    baseUrl: 'http://127.0.0.1:4610',
    token: 'sim-token-0123456789',
    fetch: fake.fetch,
    clock,
  });
  return { client, fake, clock };
}

function route(call: { method: string; url: URL }): string {
  return `${call.method} ${call.url.pathname.replace('/web/api/v2.1', '')}`;
}

async function drain(pages: AsyncIterable<{ items: { id: string }[] }>): Promise<string[][]> {
  const ids: string[][] = [];
  for await (const events of pages) {
    ids.push(events.items.map((event) => event.id));
  }
  return ids;
}

describe('runDvQuery', () => {
  it('polls RUNNING until FINISHED, then pages the events by cursor', async () => {
    const { client, fake, clock } = setup(
      undefined,
      INIT,
      status('RUNNING', { progressStatus: 10 }),
      status('RUNNING', { progressStatus: 60 }),
      status('FINISHED', { progressStatus: 100 }),
      { json: page([dvEventJson('1'), dvEventJson('2')], 'p2', 3) },
      { json: page([dvEventJson('3')], null, 3) },
    );

    const pages = [];
    for await (const events of client.runDvQuery({ ...QUERY, limit: 5000, pageSize: 2 })) {
      pages.push(events);
    }

    expect(pages.map((p) => [p.queryId, p.items.map((e) => e.id)])).toEqual([
      [QUERY_ID, ['1', '2']],
      [QUERY_ID, ['3']],
    ]);
    expect(fake.calls.map(route)).toEqual([
      'POST /dv/init-query',
      'GET /dv/query-status',
      'GET /dv/query-status',
      'GET /dv/query-status',
      'GET /dv/events',
      'GET /dv/events',
    ]);
    expect(fake.calls[0]?.body).toEqual({ ...QUERY, limit: 5000, queryType: ['events'] });
    expect(fake.calls[1]?.url.searchParams.get('queryId')).toBe(QUERY_ID);
    expect(Object.fromEntries(fake.calls[5]?.url.searchParams ?? [])).toEqual({
      queryId: QUERY_ID,
      limit: '2',
      cursor: 'p2',
    });
    expect(clock.slept).toEqual([1000, 1000]);
  });

  it('keeps status polls one second apart even with a shorter poll interval', async () => {
    const { client, clock } = setup(
      undefined,
      INIT,
      status('RUNNING'),
      status('QUERY_RUNNING'),
      status('FINISHED'),
      { json: page([], null, 0) },
    );

    await drain(client.runDvQuery({ ...QUERY, pollIntervalMs: 250 }));

    expect(clock.slept).toEqual([250, 750, 250, 750]);
  });

  it("fails with the console's reason when the query FAILED", async () => {
    const { client, fake } = setup(
      undefined,
      INIT,
      status('RUNNING'),
      status('FAILED', { responseError: 'Syntax error near "Contains"' }),
    );

    const error = await drain(client.runDvQuery(QUERY)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelOneApiError);
    expect(error).toMatchObject({
      kind: 'query_failed',
      code: 'SENTINELONE_QUERY_FAILED',
      fault: 'upstream',
      title: 'FAILED',
      detail: 'Syntax error near "Contains"',
      retryable: true,
      message:
        'SentinelOne GET /web/api/v2.1/dv/query-status failed: ' +
        'query failed: FAILED: Syntax error near "Contains"',
    });
    expect(fake.calls.map(route)).not.toContain('GET /dv/events');
  });

  it('blames the caller for FAILED_CLIENT and reads a reason nested in an object', async () => {
    const { client } = setup(
      undefined,
      INIT,
      status('FAILED_CLIENT', { responseError: { message: 'Unknown field FooBar' } }),
    );

    await expect(drain(client.runDvQuery(QUERY))).rejects.toMatchObject({
      kind: 'query_failed',
      fault: 'user',
      detail: 'Unknown field FooBar',
      retryable: false,
    });
  });

  it('treats an unknown terminal state as a failure naming the state', async () => {
    const { client } = setup(undefined, INIT, status('QUERY_EXPIRED'));

    await expect(drain(client.runDvQuery(QUERY))).rejects.toMatchObject({
      kind: 'query_failed',
      detail: `the console reported QUERY_EXPIRED for query ${QUERY_ID}`,
    });
  });

  it('yields nothing for EMPTY_RESULTS without asking for events', async () => {
    const { client, fake } = setup(undefined, INIT, status('EMPTY_RESULTS'));

    expect(await drain(client.runDvQuery(QUERY))).toEqual([]);
    expect(fake.calls.map(route)).toEqual(['POST /dv/init-query', 'GET /dv/query-status']);
  });

  it('cancels a query that outlives its timeout and reports a timeout', async () => {
    const { client, fake } = setup(
      undefined,
      INIT,
      status('RUNNING', { progressStatus: 5 }),
      status('RUNNING', { progressStatus: 10 }),
      status('RUNNING', { progressStatus: 15 }),
      { json: { data: { success: true } } },
    );

    const error = await drain(client.runDvQuery({ ...QUERY, timeoutMs: 2500 })).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({
      kind: 'timeout',
      fault: 'upstream',
      detail: `query ${QUERY_ID} was still RUNNING at 15% after 2000 ms and was cancelled`,
    });
    expect(fake.calls.map(route).at(-1)).toBe('POST /dv/cancel-query');
    expect(fake.calls.at(-1)?.body).toEqual({ queryID: QUERY_ID });
  });

  it('cancels the query in the background when the caller aborts', async () => {
    const manual = createManualClock();
    const controller = new AbortController();
    const reason = new Error('hunt abandoned');
    // Aborts during the first wait between polls, as the system clock would report it.
    const clock = {
      ...manual,
      sleep: async (ms: number, signal?: AbortSignal) => {
        await manual.sleep(ms);
        controller.abort(reason);
        signal?.throwIfAborted();
      },
    };
    const { client, fake } = setup(clock, INIT, status('RUNNING'), { text: '' });

    const error = await drain(client.runDvQuery({ ...QUERY, signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    await new Promise((resolve) => setImmediate(resolve));

    expect(error).toBe(reason);
    expect(fake.calls.map(route)).toEqual([
      'POST /dv/init-query',
      'GET /dv/query-status',
      'POST /dv/cancel-query',
    ]);
  });

  it('rejects a blank query and a reversed time range before calling the console', () => {
    const { client, fake } = setup();

    expect(() =>
      client.runDvQuery({ ...QUERY, query: ' ', fromDate: QUERY.toDate, toDate: QUERY.fromDate }),
    ).toThrow('invalid parameters for runDvQuery: query: must not be empty');
    expect(() =>
      client.runDvQuery({ ...QUERY, fromDate: QUERY.toDate, toDate: QUERY.fromDate }),
    ).toThrow('invalid parameters for runDvQuery: fromDate: fromDate must not be after toDate');
    expect(fake.calls).toHaveLength(0);
  });
});
