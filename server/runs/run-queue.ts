import { randomUUID } from 'node:crypto';

import { analyseCase } from '../../agents/run/analyse-case.ts';
import { createRunStore } from '../../agents/store/run-store.ts';
import type { Config } from '../../config/config-schema.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import { CasebookError } from '../../lib/casebook-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  claimNextRun,
  countQueued,
  finishRunRequest,
  type NewRunRequest,
  type RequestOutcome,
  requestRun,
} from '../store/run-requests.ts';
import { failRunStillRunning } from './fail-run-still-running.ts';
import type { RunEvents } from './run-events.ts';
import type { RunFailureView, RunRequest } from './run-request.ts';
import type { TenantRuntimes } from './tenant-runtimes.ts';

export interface RunQueue {
  /** Finds or queues the run a request asks for (see `requestRun`) and wakes the workers. */
  request(input: Omit<NewRunRequest, 'id' | 'now'>): { run: RunRequest; outcome: RequestOutcome };
  /** Starts taking queued runs, oldest first, at most `runConcurrency` at once. */
  start(): void;
  /** Stops taking runs and waits for the running ones, at most `timeoutMs`. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Resolves once nothing is queued and nothing runs in this process. */
  idle(): Promise<void>;
  running(): number;
}

/**
 * The queue of case runs. State lives in `run_requests`, so a queued run survives a
 * restart; the workers are this process's. Each run is `analyseCase` on the tenant's
 * runtime, named with the request's id, its steps published as they are recorded; a
 * true-positive first look then has its advised isolation raised through the gate.
 */
export function createRunQueue({
  store,
  tenants,
  config,
  clock,
  logger,
  events,
}: {
  store: OpenDatabase;
  tenants: TenantRuntimes;
  config: Pick<Config, 'caseBudget' | 'server'>;
  clock: Clock;
  logger: Logger;
  events: RunEvents;
}): RunQueue {
  const { db } = store;
  const concurrency = config.server.runConcurrency;
  const inFlight = new Set<Promise<void>>();
  let idleWaiters: (() => void)[] = [];
  let started = false;

  const notifyIdle = () => {
    if (idleWaiters.length === 0) return;
    if (inFlight.size > 0 || (started && countQueued(db) > 0)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = () => {
    while (started && inFlight.size < concurrency) {
      const next = claimNextRun(db, clock.now());
      if (next === undefined) break;
      events.publish(next.id, { type: 'status', status: 'running' });
      const job: Promise<void> = execute(next)
        .catch((error: unknown) => {
          logger.error({ err: error, runId: next.id }, 'server: a queued run crashed');
        })
        .finally(() => {
          inFlight.delete(job);
          pump();
          notifyIdle();
        });
      inFlight.add(job);
    }
    notifyIdle();
  };

  async function execute(request: RunRequest): Promise<void> {
    const finish = (status: 'succeeded' | 'failed', failure: RunFailureView | null) => {
      finishRunRequest(db, {
        id: request.id,
        status,
        ...(failure === null ? {} : { failure }),
        now: clock.now(),
      });
      events.publish(request.id, { type: 'end', status, failure });
    };

    // A tenant whose runtime cannot be built (a policy file saved with a mistake) fails
    // the run with the reason, rather than leaving it running and its case blocked.
    let runtime: ReturnType<TenantRuntimes['get']>;
    try {
      runtime = tenants.get(request.tenantId);
    } catch (error) {
      finish('failed', {
        stage: 'system',
        code: error instanceof CasebookError ? error.code : 'TENANT_RUNTIME_FAILED',
        fault: error instanceof CasebookError ? error.fault : 'system',
        message: error instanceof Error ? error.message.slice(0, 2_000) : String(error),
      });
      return;
    }
    if (runtime === undefined) {
      finish('failed', {
        stage: 'system',
        code: 'TENANT_NOT_CONFIGURED',
        fault: 'config',
        message: `tenant ${request.tenantId} has no console configured; add it to the tenants`,
      });
      return;
    }

    let seq = 0;
    try {
      const result = await analyseCase({
        tenantId: request.tenantId,
        threatId: request.caseId,
        ...runtime.analysis,
        db,
        clock,
        budget: config.caseBudget,
        trigger: request.trigger,
        report: request.report,
        proposeContainment: config.server.proposeContainment,
        generateId: namedFirst(request.id),
        onStep: (step) => {
          seq += 1;
          events.publish(request.id, { type: 'step', seq, step });
        },
      });
      if (result.runId !== request.id) {
        throw new Error(`the run was stored as ${result.runId}, not as ${request.id}`);
      }
      if (result.status === 'failed') {
        finish('failed', result.failure);
        return;
      }

      finish('succeeded', null);
    } catch (error) {
      const failure: RunFailureView = {
        stage: 'system',
        code: 'RUN_CRASHED',
        fault: 'system',
        message: error instanceof Error ? error.message.slice(0, 2_000) : String(error),
      };
      failRunStillRunning({
        runs: createRunStore({ db, clock }),
        tenantId: request.tenantId,
        runId: request.id,
        failure,
      });
      finish('failed', failure);
      throw error;
    }
  }

  return {
    request(input) {
      const answer = requestRun(db, { ...input, id: `run-${randomUUID()}`, now: clock.now() });
      if (answer.outcome === 'created') pump();
      return answer;
    },
    start() {
      started = true;
      pump();
    },
    async stop({ timeoutMs = 30_000 } = {}) {
      started = false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      notifyIdle();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        notifyIdle();
      });
    },
    running: () => inFlight.size,
  };
}

/**
 * `analyseCase` names its run `run-<first generated id>`: handing it the request's own
 * id first makes the stored run, its steps and its audit entries carry the id the
 * client was given. The queue checks the stored id afterwards.
 */
function namedFirst(runId: string): () => string {
  let first: string | undefined = runId.replace(/^run-/, '');
  return () => {
    const id = first ?? randomUUID();
    first = undefined;
    return id;
  };
}
