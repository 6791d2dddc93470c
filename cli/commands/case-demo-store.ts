import { and, eq } from 'drizzle-orm';
import { latestFirstLookRow } from '../../agents/store/run-store.ts';
import type { Config } from '../../config/config-schema.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { cases, findings, runs } from '../../db/schema.ts';
import { refuseUnknownCase } from '../../itsm/knows-case.ts';
import type { Clock } from '../../lib/clock.ts';
import { openStore } from './actions-context.ts';

/**
 * The throwaway store a `--demo` change is recorded in, so the demo's links, outbox rows
 * and held actions vanish with its simulator. The case must still be one casebook knows
 * in the real store (refused otherwise, as without the demo); the throwaway store gets
 * the case and its latest first look, so the demo ticket shows what a real one would.
 */
export function openCaseDemoStore({
  config,
  tenantId,
  caseId,
  clock,
}: {
  config: Config;
  tenantId: string;
  caseId: string;
  clock: Clock;
}): OpenDatabase {
  const real = openStore(config);
  let firstLook: { run: typeof runs.$inferSelect; finding: typeof findings.$inferSelect } | null;
  let headline: string | null;
  try {
    refuseUnknownCase(real.db, tenantId, caseId);
    firstLook = latestFirstLook(real, tenantId, caseId);
    headline =
      real.db
        .select({ headline: cases.headline })
        .from(cases)
        .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
        .get()?.headline ?? null;
  } finally {
    real.close();
  }

  const demo = openDatabase({ path: ':memory:' });
  const now = clock.now();
  // The case as casebook knows it, so the demo store knows it too.
  demo.db
    .insert(cases)
    .values({
      tenantId,
      id: caseId,
      firstSeenAt: now,
      updatedAt: now,
      headline: headline ?? caseId,
    })
    .run();
  if (firstLook !== null) {
    demo.db.insert(runs).values(firstLook.run).run();
    demo.db.insert(findings).values(firstLook.finding).run();
  }
  return demo;
}

function latestFirstLook(store: OpenDatabase, tenantId: string, caseId: string) {
  const finding = latestFirstLookRow({ db: store.db, tenantId, caseId });
  const run =
    finding === undefined
      ? undefined
      : store.db.select().from(runs).where(eq(runs.id, finding.runId)).get();
  return finding === undefined || run === undefined ? null : { run, finding };
}
