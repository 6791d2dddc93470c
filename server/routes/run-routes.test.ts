import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSteps, runs } from '../../db/schema.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { RunEvent } from '../runs/run-events.ts';
import {
  ActionList,
  ApprovalView,
  AuditList,
  AuditVerifyView,
  CaseView,
  HeldActionView,
  RunAccepted,
  RunView,
} from '../schemas/api-schemas.ts';
import {
  ADMIN_THREAT,
  type ApiHarness,
  PHISHING_THREAT,
  startApiHarness,
} from '../testing/api-harness.ts';

const INJECTION_THREAT = '707462634910718646';
const LATERAL_THREAT = '789015512509114196';

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

function parseSse(text: string): { events: SseEvent[]; comments: number } {
  const events: SseEvent[] = [];
  let comments = 0;
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    if (block.startsWith(':')) {
      comments += 1;
      continue;
    }
    const fields = Object.fromEntries(
      block
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
    );
    events.push({
      event: fields.event ?? 'message',
      ...(fields.id === undefined ? {} : { id: fields.id }),
      data: JSON.parse(fields.data ?? 'null'),
    });
  }
  return { events, comments };
}

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ config: { server: { heartbeatMs: 100 } } });
});

afterAll(async () => {
  await h.close();
});

async function startRun(
  threatId: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await h.request('POST', `/v1/cases/${threatId}/runs`, {
    key: options.key ?? h.keys.analyst,
    body: options.body ?? {},
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('runs', () => {
  it('streams a run live: status, each step in order, then end; replays it later', async () => {
    const { status, body } = await startRun(PHISHING_THREAT);
    expect(status).toBe(202);
    const { runId } = RunAccepted.parse(body);

    const live = parseSse(
      await (await h.request('GET', `/v1/runs/${runId}/events`, { key: h.keys.viewer })).text(),
    );
    const steps = live.events.filter((event) => event.event === 'step');
    expect(live.events[0]).toEqual({
      event: 'status',
      data: { status: expect.stringMatching(/queued|running/) },
    });
    expect(steps.map((event) => Number(event.id))).toEqual(steps.map((_event, index) => index + 1));
    expect(steps.map((event) => (event.data as { name: string }).name)).toEqual(
      expect.arrayContaining(['store first look', 'disconnect_agents']),
    );
    expect(live.events.at(-1)).toEqual({
      event: 'end',
      data: { status: 'succeeded', failure: null },
    });

    const replay = parseSse(
      await (await h.request('GET', `/v1/runs/${runId}/events`, { key: h.keys.viewer })).text(),
    );
    expect(replay.events.filter((event) => event.event === 'step')).toEqual(steps);
    expect(replay.events[0]).toEqual({ event: 'status', data: { status: 'succeeded' } });

    const resumed = parseSse(
      await (
        await h.request('GET', `/v1/runs/${runId}/events`, {
          key: h.keys.viewer,
          headers: { 'last-event-id': '20' },
        })
      ).text(),
    );
    expect(
      resumed.events.filter((event) => event.event === 'step').map((event) => event.id),
    ).toEqual(steps.slice(20).map((event) => event.id));

    const view = RunView.parse(
      await (await h.request('GET', `/v1/runs/${runId}`, { key: h.keys.viewer })).json(),
    );
    expect(view).toMatchObject({
      id: runId,
      status: 'succeeded',
      trigger: 'api',
      requestedBy: 'alice@example.com',
    });
    expect(view.steps).toHaveLength(steps.length);
    expect(view.firstLook?.triage.verdict).toBe('true_positive');
  });

  it('answers a second request for a case with a queued or running run with that run', async () => {
    const first = await startRun(ADMIN_THREAT);
    const second = await startRun(ADMIN_THREAT, { key: h.keys.automation });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ runId: first.body.runId, outcome: 'active' });
    await h.service.queue.idle();
  });

  it('honours Idempotency-Key: the same request, the same run; another request, 409', async () => {
    const headers = { 'idempotency-key': 'retry-7' };
    const first = await startRun(INJECTION_THREAT, { headers });
    await h.service.queue.idle();
    const again = await startRun(INJECTION_THREAT, { headers });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      runId: first.body.runId,
      outcome: 'idempotent',
      status: 'succeeded',
    });

    for (const conflicting of [
      () => startRun(INJECTION_THREAT, { headers, body: { report: true } }),
      () => startRun(PHISHING_THREAT, { headers }),
    ]) {
      const refused = await conflicting();
      expect(refused.status).toBe(409);
      expect(ErrorBody.parse(refused.body).error).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        details: { runId: first.body.runId },
      });
    }

    // Keys are per principal: another caller's retry-7 is their own.
    const other = await startRun(INJECTION_THREAT, { headers, key: h.keys.hunter });
    expect(other.status).toBe(202);
    await h.service.queue.idle();
  });

  it('shows a run that failed with its reason and the steps it got through', async () => {
    const { body } = await startRun('1');
    await h.service.queue.idle();
    const view = RunView.parse(
      await (
        await h.request('GET', `/v1/runs/${String(body.runId)}`, { key: h.keys.viewer })
      ).json(),
    );
    expect(view.status).toBe('failed');
    expect(view.failure).toMatchObject({
      fault: expect.any(String),
      message: expect.stringContaining('1'),
    });
    expect(view.steps.length).toBeGreaterThan(0);
    expect(view.firstLook).toBeNull();
  });

  it('heartbeats an idle stream, and ends it when another process ends the run', async () => {
    const now = h.clock.now();
    h.store.db
      .insert(runs)
      .values({
        id: 'run-from-cli',
        tenantId: 'default',
        caseId: '5',
        trigger: 'cli',
        status: 'running',
        modelsJson: '{}',
        startedAt: now,
      })
      .run();
    h.store.db
      .insert(runSteps)
      .values({
        runId: 'run-from-cli',
        tenantId: 'default',
        seq: 1,
        agentId: 'timeline',
        kind: 'tool',
        name: 'get_threat',
        status: 'ok',
        detail: '',
        startedAt: now,
        finishedAt: now,
      })
      .run();

    const response = await h.request('GET', '/v1/runs/run-from-cli/events', { key: h.keys.viewer });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': heartbeat')) text += decoder.decode((await reader.read()).value);

    h.store.db
      .insert(runSteps)
      .values({
        runId: 'run-from-cli',
        tenantId: 'default',
        seq: 2,
        agentId: 'triage',
        kind: 'tool',
        name: 'get_agent',
        status: 'failed',
        detail: 'console down',
        startedAt: now,
        finishedAt: now,
      })
      .run();
    h.store.db
      .update(runs)
      .set({
        status: 'failed',
        finishedAt: now,
        failureJson: JSON.stringify({
          stage: 'tool',
          code: 'X',
          fault: 'upstream',
          message: 'console down',
        }),
      })
      .where(eq(runs.id, 'run-from-cli'))
      .run();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value);

    const { events, comments } = parseSse(text);
    expect(comments).toBeGreaterThan(0);
    expect(events.map((event) => [event.event, event.id])).toEqual([
      ['status', undefined],
      ['step', '1'],
      ['step', '2'],
      ['end', undefined],
    ]);
    expect(events.at(-1)?.data).toMatchObject({
      status: 'failed',
      failure: { message: 'console down' },
    });
  });
});

describe('the queue', () => {
  it('runs at most runConcurrency cases at once, all of them in the end', async () => {
    const single = await startApiHarness({
      config: { server: { runConcurrency: 1, proposeContainment: false } },
    });
    try {
      // Run ids in the order their steps arrive, and the most runs the queue had going.
      const order: string[] = [];
      let most = 0;
      const ids: string[] = [];
      for (const threatId of [PHISHING_THREAT, ADMIN_THREAT, LATERAL_THREAT]) {
        const response = await single.request('POST', `/v1/cases/${threatId}/runs`, {
          key: single.keys.admin,
        });
        const { runId } = RunAccepted.parse(await response.json());
        ids.push(runId);
        single.service.events.subscribe(runId, (event: RunEvent) => {
          most = Math.max(most, single.service.queue.running());
          if (event.type === 'step' && order.at(-1) !== runId) order.push(runId);
        });
      }
      await single.service.queue.idle();
      expect(most).toBe(1);
      // One run at a time: each run's steps arrive in one block, never interleaved.
      expect(order).toEqual(ids);
      for (const id of ids) {
        const view = await single.request('GET', `/v1/runs/${id}`, { key: single.keys.admin });
        expect(RunView.parse(await view.json()).status).toBe('succeeded');
      }
      expect(
        await (await single.request('GET', '/v1/actions', { key: single.keys.admin })).json(),
      ).toEqual({ actions: [] });
    } finally {
      await single.close();
    }
  });
});

describe('held actions', () => {
  async function heldIsolation(threatId: string): Promise<string> {
    await startRun(threatId);
    await h.service.queue.idle();
    const list = ActionList.parse(
      await (
        await h.request('GET', `/v1/actions?caseId=${threatId}&status=pending`, {
          key: h.keys.viewer,
        })
      ).json(),
    );
    expect(list.actions).toHaveLength(1);
    expect(list.actions[0]).toMatchObject({
      tool: 'disconnect_agents',
      effect: 'containment',
      approvalsRequired: 2,
      agentId: 'triage',
    });
    return list.actions[0]?.id as string;
  }

  it('needs two distinct analysts, records who approved, runs once and verifies', async () => {
    const id = await heldIsolation(LATERAL_THREAT);
    const approve = (key: string) =>
      h.request('POST', `/v1/actions/${id}/approve`, { key, body: { comment: 'seen it' } });

    const first = await (await approve(h.keys.analyst)).json();
    expect(first).toMatchObject({ approvals: 1, required: 2, executed: false, outcome: null });

    const twice = await approve(h.keys.analyst);
    expect(twice.status).toBe(403);
    expect(ErrorBody.parse(await twice.json()).error).toMatchObject({
      code: 'APPROVAL_REFUSED',
      details: { reason: 'already_decided' },
    });
    expect((await approve(h.keys.automation)).status).toBe(403);

    const second = ApprovalView.parse(await (await approve(h.keys.admin)).json());
    expect(second).toMatchObject({
      approvals: 2,
      executed: true,
      outcome: { status: 'executed_verified' },
    });
    expect(second.action.approvals.map((a) => a.principalId)).toEqual([
      'alice@example.com',
      'ada@example.com',
    ]);

    const closed = await approve(h.keys.secondAnalyst);
    expect(closed.status).toBe(409);
    expect(ErrorBody.parse(await closed.json()).error.code).toBe('HELD_ACTION_CLOSED');

    const shown = await (
      await h.request('GET', `/v1/actions/${id}`, { key: h.keys.hunter })
    ).json();
    expect(shown).toMatchObject({
      status: 'executed_verified',
      outcome: { verification: { verified: true } },
    });
  });

  it('denies, and refuses to edit arguments the tool would reject', async () => {
    const id = await heldIsolation(INJECTION_THREAT);
    const badEdit = await h.request('POST', `/v1/actions/${id}/edit-and-approve`, {
      key: h.keys.analyst,
      body: { args: { agentIds: [] } },
    });
    expect(badEdit.status).toBe(422);
    expect(ErrorBody.parse(await badEdit.json()).error.code).toBe('HELD_ACTION_EDIT_INVALID');

    const action = HeldActionView.parse(
      await (await h.request('GET', `/v1/actions/${id}`, { key: h.keys.analyst })).json(),
    );
    const edited = await h.request('POST', `/v1/actions/${id}/edit-and-approve`, {
      key: h.keys.analyst,
      body: { args: action.args },
    });
    expect(await edited.json()).toMatchObject({ approvals: 1, required: 2, executed: false });

    const denied = await h.request('POST', `/v1/actions/${id}/deny`, {
      key: h.keys.secondAnalyst,
      body: {},
    });
    expect(await denied.json()).toMatchObject({ id, status: 'denied' });
    const late = await h.request('POST', `/v1/actions/${id}/approve`, { key: h.keys.admin });
    expect(late.status).toBe(409);

    const kase = CaseView.parse(
      await (
        await h.request('GET', `/v1/cases/${INJECTION_THREAT}`, { key: h.keys.viewer })
      ).json(),
    );
    expect(kase.heldActions.map((a) => [a.id, a.status])).toContainEqual([id, 'denied']);
    expect(kase.drafts.map((d) => d.kind).sort()).toEqual(
      expect.arrayContaining(['case_note', 'notification']),
    );

    const audit = AuditList.parse(
      await (
        await h.request('GET', `/v1/audit?caseId=${INJECTION_THREAT}`, { key: h.keys.admin })
      ).json(),
    );
    const kinds = audit.entries.map((entry) => entry.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['tool.call', 'action.held', 'approval.recorded', 'action.denied']),
    );
    const verify = AuditVerifyView.parse(
      await (await h.request('GET', '/v1/audit/verify', { key: h.keys.analyst })).json(),
    );
    expect(verify).toMatchObject({ ok: true, problem: null });
    expect(verify.entries).toBeGreaterThan(audit.entries.length - 1);
  });
});
