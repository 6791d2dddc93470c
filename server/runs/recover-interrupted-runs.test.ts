import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { createRunStore } from '../../agents/store/run-store.ts';
import { Config } from '../../config/config-schema.ts';
import { runRequests, runSteps, runs } from '../../db/schema.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createApiService } from '../create-api-service.ts';
import { RunView } from '../schemas/api-schemas.ts';
import { PHISHING_THREAT, startApiHarness } from '../testing/api-harness.ts';

describe('start-up after a crash', () => {
  it('marks runs left running as failed with their steps, and runs the queued ones', async () => {
    const first = await startApiHarness();
    const { store, clock } = first;
    const now = clock.now();
    // What a process killed mid-run leaves: a running request, its run and two steps.
    store.db
      .insert(runRequests)
      .values({
        id: 'run-crashed',
        tenantId: 'default',
        caseId: '123',
        trigger: 'webhook',
        status: 'running',
        requestedBy: 'soar-bot',
        createdAt: now,
        startedAt: now,
      })
      .run();
    createRunStore({ db: store.db, clock }).startRun({
      tenantId: 'default',
      caseId: '123',
      runId: 'run-crashed',
      trigger: 'webhook',
      models: {},
    });
    for (const seq of [1, 2]) {
      store.db
        .insert(runSteps)
        .values({
          runId: 'run-crashed',
          tenantId: 'default',
          seq,
          agentId: 'timeline',
          kind: 'tool',
          name: 'get_threat',
          status: 'ok',
          detail: '',
          startedAt: now,
          finishedAt: now,
        })
        .run();
    }
    // And a request that was still waiting its turn.
    store.db
      .insert(runRequests)
      .values({
        id: 'run-waiting',
        tenantId: 'default',
        caseId: PHISHING_THREAT,
        trigger: 'api',
        status: 'queued',
        requestedBy: 'alice@example.com',
        createdAt: now,
      })
      .run();

    // A new service on the same database is what `casebook serve` does on start.
    await first.service.close();
    const restarted = createApiService({
      store,
      config: Config.parse({ databasePath: ':memory:' }),
      consoles: [{ tenantId: 'default', consoleUrl: first.sim.url, token: first.sim.token }],
      logger: silentLogger,
      clock,
    });
    try {
      expect(restarted.start()).toEqual({ failed: 1, requeued: 1 });
      await restarted.queue.idle();

      const crashed = RunView.parse(
        await (
          await restarted.app.request('/v1/runs/run-crashed', {
            headers: { authorization: `Bearer ${first.keys.viewer}` },
          })
        ).json(),
      );
      expect(crashed).toMatchObject({
        status: 'failed',
        failure: { code: 'RUN_INTERRUPTED', fault: 'system' },
      });
      expect(crashed.steps.map((step) => step.seq)).toEqual([1, 2]);
      expect(store.db.select().from(runs).where(eq(runs.id, 'run-crashed')).get()?.status).toBe(
        'failed',
      );

      const waited = store.db
        .select()
        .from(runRequests)
        .where(eq(runRequests.id, 'run-waiting'))
        .get();
      expect(waited?.status).toBe('succeeded');
    } finally {
      await restarted.close();
      await first.close();
    }
  });
});
