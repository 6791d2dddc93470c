import { createRunStore } from '../../agents/store/run-store.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { countQueued, finishRunRequest, listRunningRequests } from '../store/run-requests.ts';
import { failRunStillRunning } from './fail-run-still-running.ts';
import type { RunFailureView } from './run-request.ts';

export const RUN_INTERRUPTED: Omit<RunFailureView, 'message'> = {
  stage: 'system',
  code: 'RUN_INTERRUPTED',
  fault: 'system',
};

/**
 * What start-up does with runs a stopped process left behind. A `running` run is
 * marked failed, keeping the steps it recorded: it may have called the console and
 * held actions, so running it again would not be a clean retry; a person re-runs the
 * case if they want to. A `queued` run never started, so it stays queued and runs now.
 * One `casebook serve` per database: a second would fail the first one's live runs.
 */
export function recoverInterruptedRuns({
  db,
  clock,
  logger,
}: {
  db: CasebookDb;
  clock: Clock;
  logger: Logger;
}): { failed: number; requeued: number } {
  const runs = createRunStore({ db, clock });
  const interrupted = listRunningRequests(db);

  for (const request of interrupted) {
    const failure: RunFailureView = {
      ...RUN_INTERRUPTED,
      message:
        'casebook stopped while this run was in progress; the steps it completed are kept. ' +
        'Start a new run of the case to analyse it again',
    };
    failRunStillRunning({ runs, tenantId: request.tenantId, runId: request.id, failure });
    finishRunRequest(db, { id: request.id, status: 'failed', failure, now: clock.now() });
  }

  const requeued = countQueued(db);
  if (interrupted.length > 0 || requeued > 0) {
    logger.warn(
      { failed: interrupted.map((request) => request.id), requeued },
      'server: runs interrupted by the last stop were marked failed; queued runs will run',
    );
  }
  return { failed: interrupted.length, requeued };
}
