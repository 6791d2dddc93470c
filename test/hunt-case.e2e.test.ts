import { describe, expect, it } from 'vitest';

import { analyseCase, createRunStore, type FirstLook } from '../agents/index.ts';
import { createHuntService } from '../hunting/chat/hunt-service.ts';
import { createGatedHuntRunner } from '../hunting/run/hunt-runner.ts';
import { createOfflineTranslator } from '../hunting/translate/translate-offline.ts';
import { DEFAULT_POLICY, listAuditEntries } from '../policy/index.ts';
import { TENANT } from '../policy/testing/policy-harness.ts';
import { startSentinelOneHarness } from '../policy/testing/sentinelone-harness.ts';
import { loadBuiltinScenarios } from '../sim/scenarios/load-builtin-scenarios.ts';

const HUNTER = 'hunter-1';
const DAY = 86_400_000;

/** Every event id a first look cites, wherever it sits. */
function citedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) citedIds(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'eventIds' && Array.isArray(item)) for (const id of item) into.add(String(id));
      else citedIds(item, into);
    }
  }
  return into;
}

describe('a promoted hunt analysed by the supervisor', () => {
  it('hunt -> promote -> run: a stored first look citing the events the hunt cited', async () => {
    const harness = await startSentinelOneHarness({
      policy: DEFAULT_POLICY,
      scenarios: await loadBuiltinScenarios(),
    });
    try {
      const service = createHuntService({
        db: harness.db,
        clock: harness.clock,
        runQuery: createGatedHuntRunner({ gate: harness.gate }),
        translator: createOfflineTranslator(),
        defaultWindowMs: 400 * DAY,
      });
      let threadId: string | undefined;
      for (const text of ['powershell started by winword', 'only on FIN-WS-042']) {
        for await (const event of service.ask({
          tenantId: TENANT,
          hunterId: HUNTER,
          threadId,
          text,
        })) {
          if (event.type === 'error') throw new Error(event.message);
          if (event.type === 'done') threadId = event.threadId;
        }
      }
      if (threadId === undefined) throw new Error('the hunt opened no thread');
      const promoted = service.promote({
        tenantId: TENANT,
        hunterId: HUNTER,
        threadId,
        title: 'Word starting PowerShell',
      });
      expect(promoted.eventIds.length).toBeGreaterThan(0);

      const result = await analyseCase({
        tenantId: TENANT,
        threatId: promoted.caseId,
        gate: harness.gate,
        db: harness.db,
        audit: harness.audit,
        clock: harness.clock,
        trigger: 'test',
      });
      if (result.status !== 'succeeded') throw new Error(result.failure.message);

      const firstLook: FirstLook = result.firstLook;
      expect(firstLook.caseId).toBe(promoted.caseId);
      expect(firstLook.triage.classification).toBe('Hunt');
      expect(firstLook.triage.affectedEndpoints[0]).toMatchObject({
        name: 'FIN-WS-042',
        role: 'origin',
      });
      expect(firstLook.triage.signals.map((signal) => signal.id)).toContain('hunter-promoted');
      const cited = citedIds(firstLook);
      const fromHunt = [...cited].filter((id) => promoted.eventIds.includes(id));
      expect(fromHunt.length).toBeGreaterThan(0);
      expect(result.note).toMatchObject({ status: 'skipped' });

      // The evidence came through the gate: the hunt's own queries, re-run in this run.
      const reads = listAuditEntries({ db: harness.db, tenantId: TENANT, runId: result.runId })
        .map((entry) => entry.payload as { tool?: string; args?: { query?: string } })
        .filter((payload) => payload.tool === 'run_deep_visibility_query')
        .map((payload) => payload.args?.query);
      expect(reads).toContain(promoted.queries[0]?.query);
      expect(reads).not.toContain(undefined);

      const store = createRunStore({ db: harness.db, clock: harness.clock });
      expect(store.latestFirstLook({ tenantId: TENANT, caseId: promoted.caseId })?.caseId).toBe(
        promoted.caseId,
      );
      const steps = store.listSteps({ tenantId: TENANT, runId: result.runId });
      expect(steps.filter((step) => step.name === 'get_hunt_case').length).toBeGreaterThan(0);
    } finally {
      await harness.close();
    }
  });

  it('refuses a hunt case id no hunt was promoted to', async () => {
    const harness = await startSentinelOneHarness({ policy: DEFAULT_POLICY });
    try {
      await expect(
        analyseCase({
          tenantId: TENANT,
          threatId: 'hunt-ht-missing',
          gate: harness.gate,
          db: harness.db,
          audit: harness.audit,
          clock: harness.clock,
        }),
      ).rejects.toThrow(/no hunt of tenant acme was promoted to case hunt-ht-missing/);
    } finally {
      await harness.close();
    }
  });
});
