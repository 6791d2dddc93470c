import { describe, expect, it } from 'vitest';
import { SentinelOneApiError } from '../sentinelone-api-error.ts';
import { SentinelOneInputError } from '../sentinelone-input-error.ts';
import type { ScriptedReply } from '../testing/fake-fetch.ts';
import { activityJson, dvEventJson, noteJson, page, threatJson } from '../testing/fixtures.ts';
import { scriptedClient } from '../testing/scripted-client.ts';
import { collectItems } from './iterate-pages.ts';

const THREAT_A = '715723437013282014';
const THREAT_B = '715723437013282015';
const THREAT_C = '715723437013282016';

function setup(...replies: ScriptedReply[]) {
  return scriptedClient(replies, { random: () => 0 });
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

describe('listing threats', () => {
  it('encodes every filter the way the console reads it', async () => {
    const { client, fake } = setup({ json: page([], null, 0) });

    await client.listThreats({
      ids: [THREAT_A, THREAT_B],
      createdAt__gt: '2024-01-01T00:00:00.000000Z',
      updatedAt__lte: new Date(Date.UTC(2024, 1, 2, 3, 4, 5)),
      classifications: ['Malware', 'Ransomware'],
      incidentStatuses: ['unresolved'],
      analystVerdicts: ['undefined', 'suspicious'],
      agentIds: ['657613730168123595'],
      storylines: ['8BF4207AFA583317'],
      sortBy: 'createdAt',
      sortOrder: 'desc',
      limit: 100,
      skip: 10,
    });

    expect(query(fake.calls[0]?.url as URL)).toEqual({
      ids: `${THREAT_A},${THREAT_B}`,
      createdAt__gt: '2024-01-01T00:00:00.000000Z',
      updatedAt__lte: '2024-02-02T03:04:05.000Z',
      classifications: 'Malware,Ransomware',
      incidentStatuses: 'unresolved',
      analystVerdicts: 'undefined,suspicious',
      agentIds: '657613730168123595',
      storylines: '8BF4207AFA583317',
      sortBy: 'createdAt',
      sortOrder: 'desc',
      limit: '100',
      skip: '10',
    });
  });

  it('returns one page with its cursor and total', async () => {
    const { client } = setup({
      json: page([threatJson(THREAT_A)], 'YWdlbnRfaWQ6NTgwMjkzODE=', 2651),
    });

    const result = await client.listThreats({ limit: 1 });

    expect(result.nextCursor).toBe('YWdlbnRfaWQ6NTgwMjkzODE=');
    expect(result.totalItems).toBe(2651);
    expect(result.items[0]?.threatInfo.storyline).toBe('8BF4207AFA583317');
    expect(result.items[0]?.agentRealtimeInfo.agentComputerName).toBe('EC2AMAZ-AJ0KANC');
    // Fields the product does not model still come through.
    expect(result.items[0]?.whiteningOptions).toEqual(['path', 'hash']);
  });

  it('pages over three pages by cursor, dropping skip after the first', async () => {
    const { client, fake } = setup(
      { json: page([threatJson(THREAT_A)], 'c2', 3) },
      { json: page([threatJson(THREAT_B)], 'c3', 3) },
      { json: page([threatJson(THREAT_C)], null, 3) },
    );

    const ids = (await collectItems(client.iterateThreats({ limit: 1, skip: 5 }))).map((t) => t.id);

    expect(ids).toEqual([THREAT_A, THREAT_B, THREAT_C]);
    expect(fake.calls.map((call) => query(call.url))).toEqual([
      { limit: '1', skip: '5' },
      { limit: '1', cursor: 'c2' },
      { limit: '1', cursor: 'c3' },
    ]);
  });

  it('treats the string "null" as the last page', async () => {
    const { client, fake } = setup(
      { json: page([threatJson(THREAT_A)], 'c2') },
      { json: page([threatJson(THREAT_B)], 'null') },
    );

    const pages = [];
    for await (const threats of client.iterateThreats()) {
      pages.push(threats);
    }

    expect(pages.map((p) => p.nextCursor)).toEqual(['c2', null]);
    expect(fake.calls).toHaveLength(2);
  });

  it('fetches pages lazily and stops when the caller stops', async () => {
    const { client, fake } = setup(
      { json: page([threatJson(THREAT_A)], 'c2') },
      { json: page([threatJson(THREAT_B)], 'c3') },
    );

    const first = await collectItems(client.iterateThreats(), { max: 1 });

    expect(first.map((t) => t.id)).toEqual([THREAT_A]);
    expect(fake.calls).toHaveLength(1);
  });

  it('rejects a console that repeats a cursor instead of looping forever', async () => {
    const { client } = setup(
      { json: page([threatJson(THREAT_A)], 'c2') },
      { json: page([threatJson(THREAT_B)], 'c2') },
    );

    await expect(collectItems(client.iterateThreats())).rejects.toMatchObject({
      kind: 'invalid_response',
      detail: 'the console returned a page cursor it had already returned',
    });
  });

  it('rejects an unknown filter key with a clear error', async () => {
    const { client, fake } = setup();

    const call = client.listThreats({ incidentStatus: ['resolved'] } as never);

    await expect(call).rejects.toThrow(SentinelOneInputError);
    await expect(call).rejects.toThrow(
      'invalid parameters for listThreats: Unrecognized key: "incidentStatus"',
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects an empty id list, a bad status and an out-of-range limit', async () => {
    const { client } = setup();

    await expect(
      client.listThreats({ ids: [], incidentStatuses: ['closed' as never], limit: 5000 }),
    ).rejects.toMatchObject({
      fault: 'user',
      code: 'SENTINELONE_INPUT_INVALID',
      problems: [
        { path: 'ids', message: 'must name at least one value' },
        { path: 'incidentStatuses.0', message: expect.stringContaining('expected one of') },
        { path: 'limit', message: expect.stringContaining('1000') },
      ],
    });
  });

  it('rejects a time filter that is not ISO-8601', async () => {
    const { client } = setup();

    await expect(client.listThreats({ createdAt__gt: 'yesterday' })).rejects.toMatchObject({
      problems: [{ path: 'createdAt__gt' }],
    });
  });
});

describe('getting one threat', () => {
  it('asks GET /threats?ids= and returns the threat', async () => {
    const { client, fake } = setup({ json: page([threatJson(THREAT_A)], null) });

    const threat = await client.getThreat({ id: THREAT_A });

    expect(threat.id).toBe(THREAT_A);
    expect(threat.threatInfo.confidenceLevel).toBe('malicious');
    expect(query(fake.calls[0]?.url as URL)).toEqual({ ids: THREAT_A });
  });

  it('turns an empty answer into a not_found error at the caller', async () => {
    const { client } = setup({ json: page([], null, 0) });

    const error = await client.getThreat({ id: THREAT_A }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SentinelOneApiError);
    expect(error).toMatchObject({
      kind: 'not_found',
      fault: 'user',
      code: 'SENTINELONE_NOT_FOUND',
      status: 200,
      detail: `no threat with id ${THREAT_A}`,
      message:
        'SentinelOne GET /web/api/v2.1/threats failed: ' +
        `not found: no threat with id ${THREAT_A}`,
    });
  });

  it('refuses an id that is not a numeric string', async () => {
    const { client } = setup();

    await expect(client.getThreat({ id: '../agents' })).rejects.toThrow(
      'invalid parameters for getThreat: id: expected a numeric id string',
    );
  });
});

describe('writing to threats', () => {
  it('adds one note to many threats', async () => {
    const { client, fake } = setup({ json: { data: { affected: 2 } } });

    const result = await client.addThreatNote({ threatIds: [THREAT_A, THREAT_B], text: 'triaged' });

    expect(result).toEqual({ affected: 2 });
    expect(fake.calls[0]?.url.pathname).toBe('/web/api/v2.1/threats/notes');
    expect(fake.calls[0]?.body).toEqual({
      filter: { ids: [THREAT_A, THREAT_B] },
      data: { text: 'triaged' },
    });
  });

  it('sets the analyst verdict', async () => {
    const { client, fake } = setup({ json: { data: { affected: 1 } } });

    await client.setAnalystVerdict({ threatIds: [THREAT_A], verdict: 'true_positive' });

    expect(fake.calls[0]?.url.pathname).toBe('/web/api/v2.1/threats/analyst-verdict');
    expect(fake.calls[0]?.body).toEqual({
      filter: { ids: [THREAT_A] },
      data: { analystVerdict: 'true_positive' },
    });
  });

  it('mitigates through the action path', async () => {
    const { client, fake } = setup({ json: { data: { affected: 1 } } });

    await client.mitigateThreats({ action: 'rollback-remediation', threatIds: [THREAT_A] });

    expect(fake.calls[0]?.url.pathname).toBe('/web/api/v2.1/threats/mitigate/rollback-remediation');
    expect(fake.calls[0]?.body).toEqual({ filter: { ids: [THREAT_A] } });
  });

  it('refuses a write aimed at no threat, so it cannot land on every threat', async () => {
    const { client, fake } = setup();

    await expect(client.setIncidentStatus({ threatIds: [], status: 'resolved' })).rejects.toThrow(
      'invalid parameters for setIncidentStatus: threatIds: must name at least one value',
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses an unknown mitigation action and a blank note', async () => {
    const { client } = setup();

    await expect(
      client.mitigateThreats({ action: 'delete' as never, threatIds: [THREAT_A] }),
    ).rejects.toMatchObject({ problems: [{ path: 'action' }] });
    await expect(client.addThreatNote({ threatIds: [THREAT_A], text: '   ' })).rejects.toThrow(
      'invalid parameters for addThreatNote: text: must not be empty',
    );
  });

  it('reports an action answer without affected as invalid_response', async () => {
    const { client } = setup({ json: { data: { success: true } } });

    await expect(
      client.setAnalystVerdict({ threatIds: [THREAT_A], verdict: 'false_positive' }),
    ).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});

describe('threat notes, timeline and events', () => {
  it('lists the notes of a threat', async () => {
    const { client, fake } = setup({ json: page([noteJson('900000000000000001')], null) });

    const notes = await client.listThreatNotes({ threatId: THREAT_A, sortBy: 'createdAt' });

    expect(fake.calls[0]?.url.pathname).toBe(`/web/api/v2.1/threats/${THREAT_A}/notes`);
    expect(query(fake.calls[0]?.url as URL)).toEqual({ sortBy: 'createdAt' });
    expect(notes.items).toEqual([expect.objectContaining({ text: 'casebook: triage started' })]);
  });

  it('iterates the notes of a threat', async () => {
    const { client } = setup(
      { json: page([noteJson('900000000000000001')], 'n2') },
      { json: page([noteJson('900000000000000002', { creator: null })], null) },
    );

    const notes = await collectItems(client.iterateThreatNotes({ threatId: THREAT_A }));

    expect(notes.map((note) => [note.id, note.creator])).toEqual([
      ['900000000000000001', 'analyst@example.com'],
      ['900000000000000002', null],
    ]);
  });

  it('reads a timeline page, filling absent nullable fields with null', async () => {
    const item = activityJson('800000000000000001');
    const { userId: _userId, ...withoutUser } = item;
    const { client, fake } = setup({ json: page([withoutUser], null) });

    const timeline = await client.getThreatTimeline({
      threatId: THREAT_A,
      activityTypes: [52, 53],
    });

    expect(fake.calls[0]?.url.pathname).toBe(`/web/api/v2.1/threats/${THREAT_A}/timeline`);
    expect(query(fake.calls[0]?.url as URL)).toEqual({ activityTypes: '52,53' });
    expect(timeline.items[0]?.userId).toBeNull();
    expect(timeline.items[0]?.activityType).toBe(19);
  });

  it('iterates the storyline events of a threat page by page', async () => {
    const { client, fake } = setup(
      { json: page([dvEventJson('1'), dvEventJson('2')], 'e2') },
      { json: page([dvEventJson('3')], null) },
    );

    const pages = [];
    for await (const events of client.iterateThreatEvents({
      threatId: THREAT_A,
      eventTypes: ['events'],
      limit: 2,
    })) {
      pages.push(events.items.map((event) => event.id));
    }

    expect(pages).toEqual([['1', '2'], ['3']]);
    expect(fake.calls.map((call) => [call.url.pathname, query(call.url)])).toEqual([
      [`/web/api/v2.1/threats/${THREAT_A}/explore/events`, { eventTypes: 'events', limit: '2' }],
      [
        `/web/api/v2.1/threats/${THREAT_A}/explore/events`,
        { eventTypes: 'events', limit: '2', cursor: 'e2' },
      ],
    ]);
  });
});
