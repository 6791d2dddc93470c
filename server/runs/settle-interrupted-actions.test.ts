import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { heldActions } from '../../db/schema.ts';
import { silentLogger } from '../../lib/logger.ts';
import { type ApiHarness, PHISHING_THREAT, startApiHarness } from '../testing/api-harness.ts';
import { settleInterruptedActions } from './settle-interrupted-actions.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

describe('settling actions a stopped server left executing', () => {
  it('fails an isolation the console never saw, and leaves a fresh claim alone', async () => {
    await h.request('POST', `/v1/cases/${PHISHING_THREAT}/runs`, { key: h.keys.analyst, body: {} });
    await h.service.queue.idle();
    const [held] = h.service.tenants.get('default')?.actions.list() ?? [];
    if (held === undefined) throw new Error('the run should have held an isolation');

    const claim = (at: number) =>
      h.store.db
        .update(heldActions)
        .set({ status: 'executing', updatedAt: at })
        .where(eq(heldActions.id, held.id))
        .run();

    claim(h.clock.now() - 60_000);
    expect(await settleInterruptedActions({ service: h.service, logger: silentLogger })).toBe(0);

    claim(h.clock.now() - 60 * 60_000);
    expect(await settleInterruptedActions({ service: h.service, logger: silentLogger })).toBe(1);

    const shown = await h.request('GET', `/v1/actions/${held.id}`, { key: h.keys.analyst });
    expect(await shown.json()).toMatchObject({
      status: 'failed',
      outcome: { error: { code: 'INTERRUPTED' }, verification: { verified: false } },
    });
  });
});
