import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HuntEvent, HuntThread, HuntThreadView, PromotedHunt } from '../../hunting/index.ts';
import { ErrorBody } from '../http/error-body.ts';
import { type ApiHarness, startApiHarness } from '../testing/api-harness.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

/** The events of an SSE body, each named by its hunt event type. */
function huntEvents(text: string): HuntEvent[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n'))
    .flatMap((lines) => {
      const name = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
      if (name === undefined || data === undefined) return [];
      const event = HuntEvent.parse(JSON.parse(data));
      expect(event.type).toBe(name);
      return [event];
    });
}

async function say(threadId: string, text: string, key = h.keys.hunter) {
  const response = await h.request('POST', `/v1/hunt/threads/${threadId}/messages`, {
    key,
    body: { text },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return huntEvents(await response.text());
}

function pick<T extends HuntEvent['type']>(events: HuntEvent[], type: T) {
  return events.find((event) => event.type === type) as Extract<HuntEvent, { type: T }> | undefined;
}

async function newThread(key = h.keys.hunter): Promise<string> {
  const response = await h.request('POST', '/v1/hunt/threads', { key, body: { title: 'psh' } });
  expect(response.status).toBe(201);
  return HuntThread.parse(await response.json()).id;
}

describe('hunting over HTTP', () => {
  it('streams a hunt, refines it over three follow-ups and promotes it to a case', async () => {
    const threadId = await newThread();

    const first = await say(threadId, 'process starts of powershell');
    expect(first.map((event) => event.type)).toEqual(
      expect.arrayContaining(['query', 'explanation', 'summary', 'done']),
    );
    expect(first.at(-1)?.type).toBe('done');
    expect(pick(first, 'query')?.text).toBe(
      'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe")',
    );
    expect(pick(first, 'summary')?.summary.total).toBe(4);

    const narrowed = await say(threadId, 'only on FILESRV-02');
    expect(pick(narrowed, 'query')).toMatchObject({ refined: true });
    expect(pick(narrowed, 'query')?.text).toContain('EndpointName In Anycase ("FILESRV-02")');
    expect(pick(narrowed, 'summary')?.summary.byHost.map((host) => host.value)).toEqual([
      'FILESRV-02',
    ]);

    const widened = await say(threadId, 'also include net.exe');
    expect(pick(widened, 'query')?.text).toBe(
      'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe", ' +
        '"net.exe") AND EndpointName In Anycase ("FILESRV-02")',
    );

    const recent = await say(threadId, 'last two hours');
    expect(pick(recent, 'query')?.window.label).toBe('last two hours');
    expect(pick(recent, 'summary')?.summary.total).toBe(0);

    const history = await h.request('GET', `/v1/hunt/threads/${threadId}`, { key: h.keys.hunter });
    const view = HuntThreadView.parse(await history.json());
    expect(view.thread.currentQuery).toBe(pick(recent, 'query')?.text);
    expect(view.messages).toHaveLength(8);

    const promote = () =>
      h.request('POST', `/v1/hunt/threads/${threadId}/promote`, { key: h.keys.hunter, body: {} });
    const promoted = PromotedHunt.parse(await (await promote()).json());
    expect(promoted.caseId).toBe(`hunt-${threadId}`);
    expect(promoted.queries).toHaveLength(4);
    expect(PromotedHunt.parse(await (await promote()).json()).id).toBe(promoted.id);

    const run = await h.request('POST', `/v1/cases/${promoted.caseId}/runs`, {
      key: h.keys.analyst,
      body: {},
    });
    expect(run.status).toBe(202);
    await h.service.queue.idle();
    const kase = await h.request('GET', `/v1/cases/${promoted.caseId}`, { key: h.keys.analyst });
    expect(kase.status).toBe(200);
    const caseView = (await kase.json()) as { firstLook: { caseId: string } | null };
    expect(caseView.firstLook?.caseId).toBe(promoted.caseId);
  });

  it('lists only the caller’s threads, and hides other hunters’ and tenants’ threads', async () => {
    const threadId = await newThread();
    const list = await h.request('GET', '/v1/hunt/threads', { key: h.keys.hunter });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((t) => t.id);
    expect(ids).toContain(threadId);

    for (const key of [h.keys.analyst, h.keys.otherTenant]) {
      const response = await h.request('GET', `/v1/hunt/threads/${threadId}`, { key });
      expect(response.status).toBe(404);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('HUNT_THREAD_NOT_FOUND');
      const message = await h.request('POST', `/v1/hunt/threads/${threadId}/messages`, {
        key,
        body: { text: 'process starts of powershell' },
      });
      expect(message.status).toBe(404);
    }
  });

  it('refuses bad messages before any stream opens', async () => {
    const threadId = await newThread();
    for (const body of [{ text: '' }, { text: 'x', extra: 1 }, {}]) {
      const response = await h.request('POST', `/v1/hunt/threads/${threadId}/messages`, {
        key: h.keys.hunter,
        body,
      });
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('REQUEST_INVALID');
    }
    const promoteEmpty = await h.request('POST', `/v1/hunt/threads/${threadId}/promote`, {
      key: h.keys.hunter,
      body: {},
    });
    expect(promoteEmpty.status).toBe(400);
  });

  it('answers what it cannot read with a refusal event, not an error status', async () => {
    const threadId = await newThread();

    const events = await say(threadId, 'anything weird going on?');

    expect(pick(events, 'refusal')?.suggestions.length).toBeGreaterThan(0);
    expect(pick(events, 'query')).toBeUndefined();
  });
});
