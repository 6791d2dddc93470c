import { eq } from 'drizzle-orm';

import {
  type AnalyseCaseResult,
  analyseCase,
  createRunStore,
  type ModelRegistry,
  type RunBudget,
} from '../agents/index.ts';
import { drafts, findings, runs } from '../db/schema.ts';
import { DEFAULT_POLICY, listAuditEntries, type Policy } from '../policy/index.ts';
import { TENANT } from '../policy/testing/policy-harness.ts';
import { startSentinelOneHarness } from '../policy/testing/sentinelone-harness.ts';
import type { Scenario, ScenarioInput } from '../sim/scenario.ts';
import type { RealismOptionsInput } from '../sim/server/realism/realism-options.ts';

export type CaseHarness = Awaited<ReturnType<typeof startSentinelOneHarness>>;

export interface AnalysedCase {
  result: AnalyseCaseResult;
  harness: CaseHarness;
  /** Rows the run left in casebook's store. */
  stored: () => {
    runs: (typeof runs.$inferSelect)[];
    findings: (typeof findings.$inferSelect)[];
    drafts: (typeof drafts.$inferSelect)[];
  };
  steps: () => ReturnType<ReturnType<typeof createRunStore>['listSteps']>;
  audit: () => ReturnType<typeof listAuditEntries>;
}

let ids = 0;

/**
 * One scenario on a simulator over loopback, its case analysed by the agents through the
 * policy gate exactly as the runtime wires it, then `inspect` with the run and the store.
 * Simulator, client and verification share a manual clock, so nothing sleeps.
 */
export async function analyseScenario<T>({
  scenario,
  threatId = scenario.threats?.[0]?.id,
  policy = DEFAULT_POLICY,
  realism,
  models,
  report,
  budget,
  inspect,
}: {
  scenario: Scenario | ScenarioInput;
  threatId?: string | undefined;
  policy?: Policy;
  realism?: RealismOptionsInput;
  models?: ModelRegistry;
  report?: boolean;
  budget?: Partial<RunBudget>;
  inspect: (analysed: AnalysedCase) => T | Promise<T>;
}): Promise<T> {
  if (threatId === undefined) throw new Error(`scenario ${scenario.id} has no threat`);
  const harness = await startSentinelOneHarness({ policy, scenarios: [scenario], realism });
  try {
    const result = await analyseCase({
      tenantId: TENANT,
      threatId,
      gate: harness.gate,
      db: harness.db,
      audit: harness.audit,
      clock: harness.clock,
      trigger: 'test',
      generateId: () => {
        ids += 1;
        return `id-${ids}`;
      },
      ...(models === undefined ? {} : { models }),
      ...(report === undefined ? {} : { report }),
      ...(budget === undefined ? {} : { budget }),
    });
    const store = createRunStore({ db: harness.db, clock: harness.clock });
    return await inspect({
      result,
      harness,
      stored: () => ({
        runs: harness.db.select().from(runs).where(eq(runs.id, result.runId)).all(),
        findings: harness.db.select().from(findings).where(eq(findings.runId, result.runId)).all(),
        drafts: harness.db.select().from(drafts).where(eq(drafts.runId, result.runId)).all(),
      }),
      steps: () => store.listSteps({ tenantId: TENANT, runId: result.runId }),
      audit: () => listAuditEntries({ db: harness.db, tenantId: TENANT, runId: result.runId }),
    });
  } finally {
    await harness.close();
  }
}
