import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { idempotencyKeys, runRequests, webhookDeliveries } from '../../db/schema.ts';
import type { StoreHandle } from '../../policy/store-handle.ts';
import { ApiError } from '../http/api-error.ts';
import {
  type RunFailureView,
  type RunRequest,
  type RunStatus,
  type RunTrigger,
  toRunRequest,
} from '../runs/run-request.ts';

/** How a request found its run: made anew, or joined one that answers it already. */
export type RequestOutcome = 'created' | 'idempotent' | 'delivery' | 'active';

export interface NewRunRequest {
  id: string;
  tenantId: string;
  caseId: string;
  trigger: RunTrigger;
  requestedBy: string;
  report?: boolean;
  /** `Idempotency-Key` and the hash of the request it came with. */
  idempotency?: { key: string; requestHash: string };
  /** A webhook delivery's key: the same delivery answers with the same run. */
  delivery?: { key: string };
  now: number;
}

/**
 * Finds or makes the run a request asks for, in one write transaction: the run its
 * idempotency key already named (the same key with another request is 409), the run
 * its delivery already started, the case's queued or running run, or a new queued run.
 * The key and the delivery are recorded against whichever run answers.
 */
export function requestRun(
  db: CasebookDb,
  request: NewRunRequest,
): { run: RunRequest; outcome: RequestOutcome } {
  const { tenantId, caseId, now } = request;

  return db.transaction(
    (tx) => {
      if (request.idempotency !== undefined) {
        const earlier = tx
          .select()
          .from(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.tenantId, tenantId),
              eq(idempotencyKeys.principalId, request.requestedBy),
              eq(idempotencyKeys.key, request.idempotency.key),
            ),
          )
          .get();
        if (earlier !== undefined) {
          if (earlier.requestHash !== request.idempotency.requestHash) {
            throw new ApiError({
              code: 'IDEMPOTENCY_KEY_REUSED',
              message:
                'this Idempotency-Key was sent before with a different request; use a new key ' +
                'for a new request',
              details: { runId: earlier.runId },
            });
          }
          return { run: mustGet(tx, tenantId, earlier.runId), outcome: 'idempotent' as const };
        }
      }

      if (request.delivery !== undefined) {
        const delivered = tx
          .select()
          .from(webhookDeliveries)
          .where(
            and(
              eq(webhookDeliveries.tenantId, tenantId),
              eq(webhookDeliveries.deliveryKey, request.delivery.key),
            ),
          )
          .get();
        if (delivered !== undefined) {
          return { run: mustGet(tx, tenantId, delivered.runId), outcome: 'delivery' as const };
        }
      }

      const active = tx
        .select()
        .from(runRequests)
        .where(
          and(
            eq(runRequests.tenantId, tenantId),
            eq(runRequests.caseId, caseId),
            inArray(runRequests.status, ['queued', 'running']),
          ),
        )
        .get();
      const row =
        active ??
        tx
          .insert(runRequests)
          .values({
            id: request.id,
            tenantId,
            caseId,
            trigger: request.trigger,
            status: 'queued',
            requestedBy: request.requestedBy,
            report: request.report ?? false,
            createdAt: now,
          })
          .returning()
          .get();

      if (request.idempotency !== undefined) {
        tx.insert(idempotencyKeys)
          .values({
            tenantId,
            principalId: request.requestedBy,
            key: request.idempotency.key,
            requestHash: request.idempotency.requestHash,
            runId: row.id,
            createdAt: now,
          })
          .run();
      }
      if (request.delivery !== undefined) {
        tx.insert(webhookDeliveries)
          .values({
            tenantId,
            deliveryKey: request.delivery.key,
            threatId: caseId,
            runId: row.id,
            receivedAt: now,
          })
          .run();
      }

      return { run: toRunRequest(row), outcome: active === undefined ? 'created' : 'active' };
    },
    { behavior: 'immediate' },
  );
}

export function getRunRequest(
  store: StoreHandle,
  { tenantId, id }: { tenantId: string; id: string },
): RunRequest | undefined {
  const row = store
    .select()
    .from(runRequests)
    .where(and(eq(runRequests.tenantId, tenantId), eq(runRequests.id, id)))
    .get();

  return row && toRunRequest(row);
}

function mustGet(store: StoreHandle, tenantId: string, id: string): RunRequest {
  const run = getRunRequest(store, { tenantId, id });
  if (run === undefined) throw new Error(`run request ${id} is recorded but missing`);
  return run;
}

/** A case's run requests, newest first. */
export function listRunRequests(
  db: CasebookDb,
  { tenantId, caseId }: { tenantId: string; caseId: string },
): RunRequest[] {
  return db
    .select()
    .from(runRequests)
    .where(and(eq(runRequests.tenantId, tenantId), eq(runRequests.caseId, caseId)))
    .orderBy(desc(runRequests.createdAt), desc(sql`rowid`))
    .all()
    .map(toRunRequest);
}

/** Moves the oldest queued request of any tenant to running and returns it. */
export function claimNextRun(db: CasebookDb, now: number): RunRequest | undefined {
  return db.transaction(
    (tx) => {
      const next = tx
        .select({ id: runRequests.id })
        .from(runRequests)
        .where(eq(runRequests.status, 'queued'))
        .orderBy(asc(runRequests.createdAt), asc(sql`rowid`))
        .limit(1)
        .get();
      if (next === undefined) return undefined;

      const row = tx
        .update(runRequests)
        .set({ status: 'running', startedAt: now })
        .where(and(eq(runRequests.id, next.id), eq(runRequests.status, 'queued')))
        .returning()
        .get();
      return row && toRunRequest(row);
    },
    { behavior: 'immediate' },
  );
}

export function finishRunRequest(
  db: CasebookDb,
  {
    id,
    status,
    failure,
    now,
  }: {
    id: string;
    status: Extract<RunStatus, 'succeeded' | 'failed'>;
    failure?: RunFailureView;
    now: number;
  },
): void {
  db.update(runRequests)
    .set({
      status,
      finishedAt: now,
      failureJson: failure === undefined ? null : JSON.stringify(failure),
    })
    .where(eq(runRequests.id, id))
    .run();
}

/** Requests left running by a process that stopped, of every tenant. */
export function listRunningRequests(db: CasebookDb): RunRequest[] {
  return db
    .select()
    .from(runRequests)
    .where(eq(runRequests.status, 'running'))
    .all()
    .map(toRunRequest);
}

export function countQueued(db: CasebookDb): number {
  return (
    db
      .select({ count: sql<number>`count(*)` })
      .from(runRequests)
      .where(eq(runRequests.status, 'queued'))
      .get()?.count ?? 0
  );
}
