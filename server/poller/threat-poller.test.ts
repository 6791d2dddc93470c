import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../../lib/logger.ts';
import { readPollerCursor } from '../store/poller-cursors.ts';
import { listRunRequests } from '../store/run-requests.ts';
import { type ApiHarness, startApiHarness } from '../testing/api-harness.ts';
import { createThreatPoller } from './threat-poller.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

describe('the threat poller', () => {
  it('queues each new threat once and carries on from its stored cursor', async () => {
    const poller = () =>
      createThreatPoller({
        db: h.store.db,
        tenants: h.service.tenants,
        queue: h.service.queue,
        clock: h.clock,
        logger: silentLogger,
        intervalMs: 60_000,
        lookbackMs: 10 * 365 * 86_400_000,
      });
    const threats = h.sim.store.db
      .prepare('select id, created_at from threats order by created_at')
      .all() as { id: string }[];
    expect(threats.length).toBeGreaterThanOrEqual(4);

    const first = await poller().pollTenant('default');
    expect(first).toMatchObject({ seen: threats.length, queued: threats.length });
    for (const threat of threats) {
      const requests = listRunRequests(h.store.db, { tenantId: 'default', caseId: threat.id });
      expect(requests.map((request) => request.trigger)).toEqual(['poller']);
    }
    const cursor = readPollerCursor(h.store.db, 'default');
    expect(cursor).toBe(first.cursor);

    // A restarted poller reads the stored cursor: nothing is queued twice.
    const second = await poller().pollTenant('default');
    // The newest threat is listed again (at or after the cursor) but not queued again.
    expect(second).toEqual({ seen: 1, queued: 0, cursor });
    await h.service.queue.idle();
  });
});
