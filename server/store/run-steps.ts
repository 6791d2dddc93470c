import { and, asc, eq, sql } from 'drizzle-orm';

import { RunStep } from '../../agents/run/run-step.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import { runSteps } from '../../db/schema.ts';

/** A run's step with its place in the run (1, 2, 3...), as streams and views show it. */
export interface NumberedStep {
  seq: number;
  step: RunStep;
}

export function listRunSteps(
  db: CasebookDb,
  { tenantId, runId }: { tenantId: string; runId: string },
): NumberedStep[] {
  return db
    .select()
    .from(runSteps)
    .where(and(eq(runSteps.tenantId, tenantId), eq(runSteps.runId, runId)))
    .orderBy(asc(runSteps.seq))
    .all()
    .map(({ seq, agentId, kind, name, status, detail, startedAt, finishedAt }) => ({
      seq,
      step: RunStep.parse({ agentId, kind, name, status, detail, startedAt, finishedAt }),
    }));
}

/**
 * Adds a step after the ones the run recorded, for what the server does once the run
 * has answered (raising the containment it advises). Numbered inside the transaction,
 * so it always lands after the run's own last step.
 */
export function appendRunStep(
  db: CasebookDb,
  { tenantId, runId, step }: { tenantId: string; runId: string; step: RunStep },
): NumberedStep {
  return db.transaction(
    (tx) => {
      const last = tx
        .select({ seq: sql<number | null>`max(${runSteps.seq})` })
        .from(runSteps)
        .where(eq(runSteps.runId, runId))
        .get();
      const seq = (last?.seq ?? 0) + 1;
      tx.insert(runSteps)
        .values({ runId, tenantId, seq, ...step })
        .run();
      return { seq, step };
    },
    { behavior: 'immediate' },
  );
}
