import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { keysCreate } from '../cli/commands/keys-create.ts';
import { serve } from '../cli/commands/serve.ts';
import { runCommand } from '../cli/testing/run-command.ts';
import { Config } from '../config/config-schema.ts';
import { silentLogger } from '../lib/logger.ts';
import { signWebhook } from '../server/webhooks/webhook-signature.ts';

/**
 * The HTTP API as an integration sees it: `casebook serve` on a real loopback socket
 * with its local simulator, a SOAR key sending a signed webhook, a dashboard following
 * the run over SSE, two analysts approving the isolation the first look advises.
 */

const SECRET = 'e2e-webhook-secret-0123456789abcdef';
const THREAT = '229149014525984882';

const dir = mkdtempSync(join(tmpdir(), 'casebook-e2e-api-'));
writeFileSync(join(dir, 'webhook.secret'), SECRET);
const config = Config.parse({
  databasePath: join(dir, 'casebook.db'),
  server: { port: 0, webhookSecretRef: `file:${join(dir, 'webhook.secret')}` },
});

let url = '';
let stop = () => {};
let served: Promise<number>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, principal, role] of [
    ['soar', 'soar-bot', 'automation'],
    ['alice', 'alice@example.com', 'analyst'],
    ['bob', 'bob@example.com', 'analyst'],
  ] as const) {
    const { out } = await runCommand({
      command: keysCreate,
      args: ['--as', principal, '--role', role],
      config,
    });
    keys[name] = out.split('\n')[0] as string;
  }

  let out = '';
  served = serve.run({
    args: [],
    config,
    logger: silentLogger,
    stdout: new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    }),
    stderr: new Writable({ write: (_chunk, _encoding, done) => done() }),
    interrupted: new Promise<void>((resolve) => {
      stop = resolve;
    }),
  });
  for (let i = 0; i < 200 && !out.includes('listening on'); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  url = /listening on (\S+)/.exec(out)?.[1] ?? '';
  expect(out).toContain('webhooks:  on');
});

afterAll(async () => {
  stop();
  expect(await served).toBe(0);
});

function call(method: string, path: string, key: string, body?: unknown) {
  return fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function webhook(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return fetch(`${url}/v1/webhooks/sentinelone`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${keys.soar}`,
      'content-type': 'application/json',
      'x-casebook-timestamp': String(timestamp),
      'x-casebook-signature': signWebhook({ secret: SECRET, timestamp, body }),
    },
    body,
  });
}

describe('casebook serve with the simulator', () => {
  it('webhook -> streamed run -> first look -> isolation two analysts approve', async () => {
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);

    const body = JSON.stringify({ threatId: THREAT });
    const accepted = await webhook(body);
    expect(accepted.status).toBe(202);
    const { runId } = (await accepted.json()) as { runId: string };

    // The dashboard follows the run as it happens.
    const stream = await call('GET', `/v1/runs/${runId}/events`, keys.soar as string);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = (await stream.text())
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => ({
        event: /^event: (.+)$/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null'),
      }));
    const steps = events.filter((event) => event.event === 'step').map((event) => event.data);
    expect(steps.map((step) => step.seq)).toEqual(steps.map((_step, index) => index + 1));
    expect(steps.find((step) => step.name === 'store first look')).toMatchObject({ status: 'ok' });
    expect(steps.at(-1)).toMatchObject({ name: 'disconnect_agents', status: 'held' });
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'succeeded', failure: null } });

    // The sender delivers the same notice again, signed anew: the same run answers.
    const again = await webhook(body, Math.floor(Date.now() / 1000) + 1);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ runId, outcome: 'delivery' });

    // The analyst reads the first look and the held isolation on the case.
    const kase = (await (
      await call('GET', `/v1/cases/${THREAT}`, keys.alice as string)
    ).json()) as {
      firstLook: { triage: { verdict: string; affectedEndpoints: { agentId?: string }[] } };
      heldActions: {
        id: string;
        tool: string;
        status: string;
        approvalsRequired: number;
        args: unknown;
      }[];
      runs: { id: string }[];
    };
    expect(kase.firstLook.triage.verdict).toBe('true_positive');
    expect(kase.runs.map((run) => run.id)).toEqual([runId]);
    expect(kase.heldActions).toHaveLength(1);
    const [held] = kase.heldActions;
    expect(held).toMatchObject({
      tool: 'disconnect_agents',
      status: 'pending',
      approvalsRequired: 2,
    });
    expect(held?.args).toEqual({ agentIds: [kase.firstLook.triage.affectedEndpoints[0]?.agentId] });

    // The SOAR key may start runs but never approve; two analysts do.
    const id = held?.id as string;
    expect((await call('POST', `/v1/actions/${id}/approve`, keys.soar as string, {})).status).toBe(
      403,
    );
    const first = await (
      await call('POST', `/v1/actions/${id}/approve`, keys.alice as string, {})
    ).json();
    expect(first).toMatchObject({ approvals: 1, required: 2, executed: false });
    const second = await (
      await call('POST', `/v1/actions/${id}/approve`, keys.bob as string, { comment: 'isolate' })
    ).json();
    expect(second).toMatchObject({
      approvals: 2,
      executed: true,
      outcome: { status: 'executed_verified', verification: { verified: true } },
    });

    const action = await (await call('GET', `/v1/actions/${id}`, keys.alice as string)).json();
    expect(action).toMatchObject({
      status: 'executed_verified',
      approvedBy: ['alice@example.com', 'bob@example.com'],
      outcome: { verification: { detail: '1 endpoint(s) report disconnected' } },
    });
    const verify = await (await call('GET', '/v1/audit/verify', keys.alice as string)).json();
    expect(verify).toMatchObject({ ok: true, problem: null });
  });
});
