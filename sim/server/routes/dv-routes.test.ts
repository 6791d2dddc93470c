import { describe, expect, it } from 'vitest';
import { eventIdOf, WINDOWS_AGENT } from '../../store/testing/small-scenario.ts';
import { createTestSimulator } from '../testing/test-simulator.ts';

const WHOLE_DAY = {
  fromDate: '2026-01-01T00:00:00.000000Z',
  toDate: '2026-01-02T00:00:00.000000Z',
};

type Simulator = ReturnType<typeof createTestSimulator>;

async function initQuery(sim: Simulator, body: Record<string, unknown>): Promise<string> {
  const { status, json } = await sim.call('/dv/init-query', {
    method: 'POST',
    body: { ...WHOLE_DAY, queryType: ['events'], ...body },
  });
  expect(status).toBe(200);
  expect(json.data.queryId).toMatch(/^q[0-9a-f]{32}$/);
  return json.data.queryId;
}

async function finishedQuery(sim: Simulator, query: string, extra: Record<string, unknown> = {}) {
  const queryId = await initQuery(sim, { query, ...extra });
  sim.clock.advance(1_500);
  return queryId;
}

function ids(json: { data: { id: string }[] }): string[] {
  return json.data.map((event) => event.id);
}

describe('Deep Visibility', () => {
  it('runs a query through RUNNING to FINISHED and pages its events', async () => {
    const sim = createTestSimulator();
    const queryId = await initQuery(sim, { query: 'EventType = "IP Connect"', limit: 100 });

    const status = async () => (await sim.call(`/dv/query-status?queryId=${queryId}`)).json;
    expect(await status()).toEqual({ data: { responseState: 'RUNNING', progressStatus: 0 } });
    sim.clock.advance(750);
    expect(await status()).toEqual({ data: { responseState: 'RUNNING', progressStatus: 49 } });
    sim.clock.advance(750);
    expect(await status()).toEqual({ data: { responseState: 'FINISHED', progressStatus: 100 } });

    const first = await sim.call(`/dv/events?queryId=${queryId}&limit=4`);
    expect(first.status).toBe(200);
    expect(first.json.pagination.totalItems).toBe(5);
    expect(ids(first.json)).toEqual([3, 7, 24, 25].map(eventIdOf));

    const cursor = encodeURIComponent(first.json.pagination.nextCursor);
    const second = await sim.call(`/dv/events?queryId=${queryId}&limit=4&cursor=${cursor}`);
    expect(ids(second.json)).toEqual([26].map(eventIdOf));
    expect(second.json.pagination).toEqual({ nextCursor: null, totalItems: 5 });
  });

  it('renders events in the DV JSON shape', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'DstPort = 443');
    const [event] = (await sim.call(`/dv/events?queryId=${queryId}`)).json.data;

    expect(event).toMatchObject({
      id: eventIdOf(3),
      eventType: 'IP Connect',
      objectType: 'ip',
      eventTime: '2026-01-01T10:03:00.000Z',
      createdAt: '2026-01-01T10:03:00.000000Z',
      agentId: WINDOWS_AGENT.id,
      agentUuid: WINDOWS_AGENT.uuid,
      agentName: 'WIN-DESK01',
      agentOs: 'windows',
      agentIp: '10.0.0.21',
      agentNetworkStatus: 'connected',
      srcProcName: 'powershell.exe',
      processName: 'powershell.exe',
      srcIp: '10.0.0.21',
      srcPort: 50123,
      dstIp: '203.0.113.7',
      dstPort: 443,
      netEventDirection: 'OUTGOING',
      direction: 'OUTGOING',
      srcProcStorylineId: '1A2B3C4D5E6F7081',
      storyline: '1A2B3C4D5E6F7081',
      tgtFilePath: null,
    });
  });

  it('renders numbers and booleans as strings like the console', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'SrcProcPID = 4120');
    const [event] = (await sim.call(`/dv/events?queryId=${queryId}`)).json.data;
    expect([event.srcProcPid, event.pid, event.srcProcIsStorylineRoot]).toEqual([
      '4120',
      '4120',
      'True',
    ]);
  });

  it('keeps only events inside fromDate..toDate, both included, and at most limit', async () => {
    const sim = createTestSimulator();
    const window = await finishedQuery(sim, 'EventType = "Process Creation"', {
      fromDate: '2026-01-01T10:12:00Z',
      toDate: '2026-01-01T10:20:00Z',
    });
    expect(ids((await sim.call(`/dv/events?queryId=${window}`)).json)).toEqual(
      [12, 13, 14, 20].map(eventIdOf),
    );

    const limited = await finishedQuery(sim, 'EventType = "Process Creation"', { limit: 2 });
    const { json } = await sim.call(`/dv/events?queryId=${limited}`);
    expect(json.pagination.totalItems).toBe(2);
    expect(ids(json)).toEqual([0, 1].map(eventIdOf));
  });

  it('pages newest first with sortOrder=desc', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'AgentName = "web01"');
    const first = await sim.call(`/dv/events?queryId=${queryId}&limit=3&sortOrder=desc`);
    expect(ids(first.json)).toEqual([29, 28, 27].map(eventIdOf));
    const cursor = encodeURIComponent(first.json.pagination.nextCursor);
    const next = await sim.call(
      `/dv/events?queryId=${queryId}&limit=3&sortOrder=desc&cursor=${cursor}`,
    );
    expect(ids(next.json)).toEqual([26, 25, 24].map(eventIdOf));
  });

  it('fails a query that does not parse, with the line and column', async () => {
    const sim = createTestSimulator();
    const queryId = await initQuery(sim, {
      query: 'EventType = "IP Connect"\nAND SrcProcNam = "x"',
    });
    expect((await sim.call(`/dv/query-status?queryId=${queryId}`)).json.data.responseState).toBe(
      'RUNNING',
    );
    sim.clock.advance(1_500);

    const { json } = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(json.data).toMatchObject({
      responseState: 'FAILED',
      progressStatus: 100,
      responseError:
        'Invalid S1QL query: line 2, column 5: unknown field "SrcProcNam"; did you mean ' +
        '"SrcProcName", "SrcProcPID" or "SrcProcUID"?',
      responseErrorDetails: { line: 2, column: 5, offset: 29, length: 10 },
    });

    const events = await sim.call(`/dv/events?queryId=${queryId}`);
    expect(events.status).toBe(400);
    expect(events.json.errors[0].detail).toBe(json.data.responseError);
  });

  it("runs the tester's backtracking bomb on RE2 instead of freezing the simulator", async () => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/dv/init-query', {
      method: 'POST',
      body: {
        query: 'TgtProcCmdLine RegExp "^(.|.)*!!!$"',
        fromDate: '2000-01-01T00:00:00Z',
        toDate: '2030-01-01T00:00:00Z',
      },
    });
    expect(status).toBe(200);
    sim.clock.advance(1_500);

    const state = await sim.call(`/dv/query-status?queryId=${json.data.queryId}`);
    expect(state.json.data).toEqual({ responseState: 'FINISHED', progressStatus: 100 });
    const events = await sim.call(`/dv/events?queryId=${json.data.queryId}`);
    expect(events.json.pagination.totalItems).toBe(0);
  });

  it('matches RegExp with inline flags, as RE2 reads them', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'TgtProcCmdLine RegExp "(?i)^VSSADMIN .*/quiet$"');
    const { json } = await sim.call(`/dv/events?queryId=${queryId}`);
    expect(json.data.map((event: { tgtProcCmdLine: string }) => event.tgtProcCmdLine)).toEqual([
      'vssadmin delete shadows /all /quiet',
    ]);
  });

  it('fails a RegExp RE2 cannot run, saying what is unsupported', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'TgtProcCmdLine RegExp "powershell(?!.*-nop)"');
    const { json } = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(json.data).toMatchObject({
      responseState: 'FAILED',
      responseError:
        'Invalid S1QL query: line 1, column 23: invalid regular expression: RE2 has no ' +
        'lookahead ("(?!"); RegExp patterns must use RE2 syntax',
    });
  });

  it("fails the tester's In list of 32,766 values with a positioned engine error", async () => {
    const sim = createTestSimulator();
    const values = Array.from({ length: 32_766 }, () => '"a"').join(', ');
    const queryId = await finishedQuery(sim, `TgtProcName In (${values})`);
    const { json } = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(json.data.responseState).toBe('FAILED');
    expect(json.data.responseError).toMatch(/^Invalid S1QL query: line 1, column 100001: /);
    expect(json.data.responseErrorDetails).toMatchObject({ line: 1, column: 100_001 });
  });

  it('fails a list that fills every SQLite parameter in the engine, not in SQLite', async () => {
    const sim = createTestSimulator();
    const values = Array.from({ length: 32_766 }, () => '0').join(',');
    const queryId = await finishedQuery(sim, `DstPort In (${values})`);
    const { json } = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(json.data).toMatchObject({
      responseState: 'FAILED',
      responseError:
        'Invalid S1QL query: line 1, column 64013: the query has more than 32000 values, ' +
        'the most one query can bind; split it into smaller queries',
      responseErrorDetails: { line: 1, column: 64_013 },
    });
  });

  it('runs the longest AND chain allowed', async () => {
    const sim = createTestSimulator();
    const chain = Array.from({ length: 2_000 }, () => 'TgtProcCmdLine Contains "a"');
    const queryId = await finishedQuery(sim, chain.join(' AND '));
    const { json } = await sim.call(`/dv/events?queryId=${queryId}`);
    expect(json.data.map((event: { tgtProcCmdLine: string }) => event.tgtProcCmdLine)).toEqual([
      'vssadmin delete shadows /all /quiet',
    ]);
  });

  it("fails the tester's 20,000-condition AND chain instead of planning it for 26 s", async () => {
    const sim = createTestSimulator();
    const chain = Array.from({ length: 20_000 }, () => 'TgtProcName Contains "a"');
    const queryId = await finishedQuery(sim, chain.join(' AND '));
    const { json } = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(json.data.responseState).toBe('FAILED');
    expect(json.data.responseErrorDetails).toMatchObject({ line: 1, column: 100_001 });
  });

  it('serves events by type in both vocabularies', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'AgentName = "WIN-DESK01"');
    const byType = async (type: string) => {
      const { status, json } = await sim.call(`/dv/events/${type}?queryId=${queryId}&limit=50`);
      expect(status).toBe(200);
      return json;
    };

    expect(ids(await byType('ip'))).toEqual([3, 7].map(eventIdOf));
    expect(ids(await byType('IP%20Connect'))).toEqual([3, 7].map(eventIdOf));
    expect((await byType('process')).pagination.totalItems).toBe(7);
    expect((await byType('Process%20Creation')).pagination.totalItems).toBe(7);
    expect(ids(await byType('dns'))).toEqual([2, 8].map(eventIdOf));
    expect(ids(await byType('registry'))).toEqual([9].map(eventIdOf));
    expect(ids(await byType('scheduled_task'))).toEqual([17].map(eventIdOf));
    expect(ids(await byType('indicators'))).toEqual([18].map(eventIdOf));
    expect(ids(await byType('url'))).toEqual([19].map(eventIdOf));
    expect((await byType('file')).pagination.totalItems).toBe(5);
  });

  it('pages events by type with a cursor bound to that type', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'AgentName = "WIN-DESK01"');
    const first = await sim.call(`/dv/events/process?queryId=${queryId}&limit=5`);
    const cursor = encodeURIComponent(first.json.pagination.nextCursor);

    const rest = await sim.call(`/dv/events/process?queryId=${queryId}&limit=5&cursor=${cursor}`);
    expect(ids(rest.json)).toEqual([13, 14].map(eventIdOf));
    expect((await sim.call(`/dv/events/file?queryId=${queryId}&cursor=${cursor}`)).status).toBe(
      400,
    );
    expect((await sim.call(`/dv/events?queryId=${queryId}&cursor=${cursor}`)).status).toBe(400);
  });

  it('sorts by pid with offset cursors', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'SrcProcPID Exists');
    const first = await sim.call(`/dv/events?queryId=${queryId}&sortBy=pid&sortOrder=desc&limit=2`);
    expect(first.json.data.map((e: { srcProcPid: string }) => e.srcProcPid)).toEqual([
      '6001',
      '5532',
    ]);
    const cursor = encodeURIComponent(first.json.pagination.nextCursor);
    const next = await sim.call(
      `/dv/events?queryId=${queryId}&sortBy=pid&sortOrder=desc&limit=2&cursor=${cursor}`,
    );
    expect(next.json.data.map((e: { srcProcPid: string }) => e.srcProcPid)).toEqual([
      '5532',
      '4120',
    ]);
    expect(next.json.pagination.nextCursor).toBeNull();
  });

  it('refuses events while the query is still running', async () => {
    const sim = createTestSimulator();
    const queryId = await initQuery(sim, { query: 'EventType = "Login"' });
    const { status, json } = await sim.call(`/dv/events?queryId=${queryId}`);
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(`Query ${queryId} is still running; poll /dv/query-status`);
  });

  it('cancels a query', async () => {
    const sim = createTestSimulator();
    const queryId = await initQuery(sim, { query: 'EventType = "Login"' });
    const cancelled = await sim.call('/dv/cancel-query', {
      method: 'POST',
      body: { queryID: queryId },
    });
    expect(cancelled.json).toEqual({ data: { success: true } });
    sim.clock.advance(5_000);

    const status = await sim.call(`/dv/query-status?queryId=${queryId}`);
    expect(status.json.data.responseState).toBe('QUERY_CANCEL');
    expect((await sim.call(`/dv/events?queryId=${queryId}`)).status).toBe(400);
  });

  it('answers 404 QueryId not found for an unknown query', async () => {
    const sim = createTestSimulator();
    const expected = {
      errors: [{ code: 4040010, title: 'Resource not found', detail: 'QueryId not found' }],
    };
    const status = await sim.call('/dv/query-status?queryId=q0123');
    expect([status.status, status.json]).toEqual([404, expected]);
    expect((await sim.call('/dv/events?queryId=q0123')).status).toBe(404);
    const cancel = await sim.call('/dv/cancel-query', {
      method: 'POST',
      body: { queryID: 'q0123' },
    });
    expect(cancel.status).toBe(404);
  });

  it.each([
    [{ limit: 0 }, 'Limit must be greater than or equals to 1 and less than equals to 100000'],
    [
      { limit: 100_001 },
      'Limit must be greater than or equals to 1 and less than equals to 100000',
    ],
    [{ fromDate: undefined }, 'fromDate is required'],
    [
      { fromDate: 'last tuesday' },
      'fromDate must be an ISO-8601 timestamp such as 2024-01-01T00:00:00.000000Z',
    ],
    [{ query: '' }, 'query must not be empty'],
    [{ query: 42 }, 'query is required and must be a string'],
    [{ fromDate: '2026-01-03T00:00:00Z' }, 'fromDate must not be later than toDate'],
  ])('rejects init-query with %j', async (change, detail) => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/dv/init-query', {
      method: 'POST',
      body: { query: 'EventType = "Login"', ...WHOLE_DAY, ...change },
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ code: 4000010, title: 'Validation Error', detail }]);
  });

  it('caps /dv/events at 1000 per page', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'EventType = "Login"');
    const { status, json } = await sim.call(`/dv/events?queryId=${queryId}&limit=1001`);
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'Limit must be greater than or equals to 1 and less than equals to 1000',
    );
  });

  it('rejects an unknown event type in the path', async () => {
    const sim = createTestSimulator();
    const queryId = await finishedQuery(sim, 'EventType = "Login"');
    const { status, json } = await sim.call(`/dv/events/teleport?queryId=${queryId}`);
    expect(status).toBe(400);
    expect(json.errors[0].detail).toMatch(/^Unknown event type "teleport"; use an object type/);
  });
});
