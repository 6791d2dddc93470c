import { and, asc, eq } from 'drizzle-orm';

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
