import { describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../testing/fake-fetch.ts';
import { dvEventJson, page } from '../testing/fixtures.ts';
import { scriptedClient } from '../testing/scripted-client.ts';

const QUERY_ID = 'q0123456789abcdef0123456789abcdef';

function setup(...replies: ScriptedReply[]) {
  return scriptedClient(replies);
}

describe('Deep Visibility calls', () => {
  it('starts a query with the documented body and returns its id', async () => {
    const { client, fake } = setup({ json: { data: { queryId: QUERY_ID } } });

    const queryId = await client.dvInitQuery({
      query: 'AgentName IS NOT EMPTY',
      fromDate: new Date(Date.UTC(2023, 8, 20, 4, 49, 26)),
      toDate: '2023-09-21T20:49:26.257525Z',
      limit: 20_000,
      queryType: ['events'],
    });

    expect(queryId).toBe(QUERY_ID);
    expect(fake.calls[0]?.method).toBe('POST');
    expect(fake.calls[0]?.body).toEqual({
      query: 'AgentName IS NOT EMPTY',
      fromDate: '2023-09-20T04:49:26.000Z',
      toDate: '2023-09-21T20:49:26.257525Z',
      limit: 20_000,
      queryType: ['events'],
    });
  });

  it('refuses an init-query limit above 100,000', async () => {
    const { client } = setup();

    await expect(
      client.dvInitQuery({
        query: 'AgentName IS NOT EMPTY',
        fromDate: '2023-09-20T00:00:00Z',
        toDate: '2023-09-21T00:00:00Z',
        limit: 100_001,
      }),
    ).rejects.toMatchObject({ problems: [{ path: 'limit' }] });
  });

  it('reads the query status', async () => {
    const { client } = setup({ json: { data: { responseState: 'RUNNING', progressStatus: 40 } } });

    expect(await client.dvQueryStatus({ queryId: QUERY_ID })).toEqual({
      responseState: 'RUNNING',
      progressStatus: 40,
    });
  });

  it('pages events of one query with cursor and limit', async () => {
    const { client, fake } = setup({ json: page([dvEventJson('649568400931684352')], 'n', 9) });

    const events = await client.dvEvents({ queryId: QUERY_ID, cursor: 'abc', limit: 1 });

    expect(events.items[0]?.srcProcPid).toBe('1188');
    expect(events.totalItems).toBe(9);
    expect(Object.fromEntries(fake.calls[0]?.url.searchParams ?? [])).toEqual({
      queryId: QUERY_ID,
      cursor: 'abc',
      limit: '1',
    });
  });

  it('puts the event type in the path, encoded as one segment', async () => {
    const { client, fake } = setup({ json: page([], null, 0) }, { json: page([], null, 0) });

    await client.dvEventsByType({ queryId: QUERY_ID, type: 'process' });
    await client.dvEventsByType({ queryId: QUERY_ID, type: 'Process Creation' });

    expect(fake.calls.map((call) => call.url.pathname)).toEqual([
      '/web/api/v2.1/dv/events/process',
      '/web/api/v2.1/dv/events/Process%20Creation',
    ]);
  });

  it('refuses an event type that would leave its path segment', async () => {
    const { client, fake } = setup();

    await expect(client.dvEventsByType({ queryId: QUERY_ID, type: '../agents' })).rejects.toThrow(
      'invalid parameters for dvEventsByType: type: expected an object type or event type name',
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('cancels with the queryID key the doc spells and accepts an empty answer', async () => {
    const { client, fake } = setup({ status: 204, text: '' });

    await client.dvCancelQuery({ queryId: QUERY_ID });

    expect(fake.calls[0]?.url.pathname).toBe('/web/api/v2.1/dv/cancel-query');
    expect(fake.calls[0]?.body).toEqual({ queryID: QUERY_ID });
  });

  it('reports an event whose catalogue field is not a scalar as invalid_response', async () => {
    const { client } = setup({
      json: page([dvEventJson('1', { srcProcName: { nested: 1 } })], null),
    });

    await expect(client.dvEvents({ queryId: QUERY_ID })).rejects.toMatchObject({
      kind: 'invalid_response',
      detail:
        'response does not have the expected shape: ' +
        'data.0.srcProcName: expected a string, number, boolean or null',
    });
  });
});
