import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErrorBody } from '../http/error-body.ts';
import { CaseView, RunAccepted } from '../schemas/api-schemas.ts';
import {
  ADMIN_THREAT,
  type ApiHarness,
  PHISHING_THREAT,
  startApiHarness,
  WEBHOOK_SECRET,
} from '../testing/api-harness.ts';
import { signWebhook } from '../webhooks/webhook-signature.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

async function errorOf(response: Response) {
  return ErrorBody.parse(await response.json()).error;
}

function signed(raw: string, timestamp = Math.floor(h.clock.now() / 1000)) {
  return {
    'x-casebook-timestamp': String(timestamp),
    'x-casebook-signature': signWebhook({ secret: WEBHOOK_SECRET, timestamp, body: raw }),
  };
}

describe('POST /v1/webhooks/sentinelone', () => {
  it('queues one run for a signed notice; a second delivery gets the same run', async () => {
    const first = await h.webhook({ threatId: ADMIN_THREAT });
    expect(first.status).toBe(202);
    const accepted = RunAccepted.parse(await first.json());
    expect(accepted).toMatchObject({ caseId: ADMIN_THREAT, outcome: 'created' });

    // The sender retries: same notice, signed again a second later.
    h.clock.advance(1_000);
    const again = await h.webhook({ threatId: ADMIN_THREAT });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ runId: accepted.runId, outcome: 'delivery' });

    await h.service.queue.idle();
    h.clock.advance(1_000);
    const afterwards = await h.webhook({ threatId: ADMIN_THREAT });
    expect(await afterwards.json()).toMatchObject({
      runId: accepted.runId,
      status: 'succeeded',
      outcome: 'delivery',
    });
    const view = CaseView.parse(
      await (await h.request('GET', `/v1/cases/${ADMIN_THREAT}`, { key: h.keys.viewer })).json(),
    );
    expect(view.runs.map((run) => run.id)).toEqual([accepted.runId]);
  });

  it('takes a UAM alert or a Hyperautomation trigger; both join the active run', async () => {
    const alert = {
      id: '019db24c-8b6d-7451-8697-b1b2e1a270f1',
      externalId: PHISHING_THREAT,
      severity: 'HIGH',
      asset: { name: 'FIN-WS-042' },
    };
    const first = await h.webhook(alert);
    expect(first.status).toBe(202);
    const { runId } = RunAccepted.parse(await first.json());

    h.clock.advance(1_000);
    const trigger = await h.webhook({ data: { ...alert, id: 'another-alert' } });
    const joined = RunAccepted.parse(await trigger.json());
    expect(joined.runId).toBe(runId);
    expect(joined.outcome).toBe('active');
    await h.service.queue.idle();
  });

  it('starts the new case when a sender reuses an alert id for another threat', async () => {
    const alert = { id: 'alert-reused', externalId: PHISHING_THREAT, severity: 'HIGH' };
    const first = RunAccepted.parse(await (await h.webhook(alert)).json());
    await h.service.queue.idle();

    h.clock.advance(1_000);
    const reused = await h.webhook({ ...alert, externalId: ADMIN_THREAT });
    const second = RunAccepted.parse(await reused.json());

    expect(second.caseId).toBe(ADMIN_THREAT);
    expect(second.runId).not.toBe(first.runId);
    await h.service.queue.idle();
  });

  it('refuses a wrong signature, a missing one, and a signature over other bytes', async () => {
    const raw = JSON.stringify({ threatId: '707462634910718646' });
    const wrong = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw,
      headers: { ...signed(raw), 'x-casebook-signature': `v1=${'0'.repeat(64)}` },
    });
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      fault: 'user',
    });

    const unsigned = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw,
    });
    expect((await errorOf(unsigned)).code).toBe('WEBHOOK_SIGNATURE_INVALID');

    const tampered = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw: raw.replace('7074', '7075'),
      headers: signed(raw),
    });
    expect(tampered.status).toBe(401);

    const otherSecret = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw,
      headers: {
        'x-casebook-timestamp': String(Math.floor(h.clock.now() / 1000)),
        'x-casebook-signature': signWebhook({
          secret: 'not-the-secret',
          timestamp: Math.floor(h.clock.now() / 1000),
          body: raw,
        }),
      },
    });
    expect(otherSecret.status).toBe(401);
  });

  it('refuses a delivery signed more than five minutes away, either way', async () => {
    for (const offset of [-5 * 60_000 - 1_000, 5 * 60_000 + 1_000]) {
      const stale = await h.webhook(
        { threatId: '707462634910718646' },
        { signedAt: h.clock.now() + offset },
      );
      expect(stale.status).toBe(401);
      expect((await errorOf(stale)).code).toBe('WEBHOOK_STALE');
    }
  });

  it('refuses a signed delivery sent a second time as a replay', async () => {
    const raw = JSON.stringify({ threatId: '707462634910718646' });
    const headers = signed(raw);
    const first = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw,
      headers,
    });
    expect(first.status).toBe(202);
    const replay = await h.request('POST', '/v1/webhooks/sentinelone', {
      key: h.keys.automation,
      raw,
      headers,
    });
    expect(replay.status).toBe(409);
    expect(await errorOf(replay)).toMatchObject({ code: 'WEBHOOK_REPLAYED', fault: 'user' });
    await h.service.queue.idle();
  });

  it('answers malformed JSON with 400 and a body that is no notice with 422', async () => {
    const malformed = await h.webhook('{"threatId": "707462634910718646"');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('JSON_MALFORMED');

    h.clock.advance(1_000);
    const extra = await h.webhook({ threatId: '707462634910718646', closeCase: true });
    expect(extra.status).toBe(422);
    const error = await errorOf(extra);
    expect(error.code).toBe('WEBHOOK_BODY_INVALID');
    expect(error.details).toEqual({ issues: [{ path: '(root)', message: 'unknown closeCase' }] });

    h.clock.advance(1_000);
    const noThreat = await h.webhook({ id: 'alert-1', externalId: 'not-digits' });
    expect(noThreat.status).toBe(422);
  });

  it('lets only automation and admin keys send webhooks', async () => {
    const analyst = await h.webhook({ threatId: '707462634910718646' }, { key: h.keys.analyst });
    expect(analyst.status).toBe(403);
  });
});

describe('webhooks without a secret', () => {
  it('are refused with 503 and the setting to fix', async () => {
    const off = await startApiHarness({ webhooks: false });
    try {
      const response = await off.webhook({ threatId: PHISHING_THREAT });
      expect(response.status).toBe(503);
      const error = await errorOf(response);
      expect(error).toMatchObject({ code: 'WEBHOOKS_DISABLED', fault: 'config' });
      expect(error.message).toContain('CASEBOOK_WEBHOOK_SECRET');
    } finally {
      await off.close();
    }
  });
});
