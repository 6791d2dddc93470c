import { randomUUID } from 'node:crypto';

import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';

import type { CasebookDb } from '../../db/open-database.ts';
import { type ItsmOutboxRow, itsmOutbox } from '../../db/schema.ts';
import type { StoreHandle } from '../../policy/store-handle.ts';
import { type OutboxChange, OutboxPayload, type OutboxState } from './outbox-change.ts';

// Changes recorded in the same millisecond keep the order they were recorded in.
const INSERTION_ORDER = sql`rowid`;

/** The states whose change still has to reach the ticket before the case's later ones. */
const UNSETTLED: OutboxState[] = ['pending', 'held'];

function toChange(row: ItsmOutboxRow): OutboxChange {
  return {
    id: row.id,
    changeId: row.changeId,
    tenantId: row.tenantId,
    caseId: row.caseId,
    targetSystem: row.targetSystem as OutboxChange['targetSystem'],
    payload: OutboxPayload.parse(JSON.parse(row.payloadJson)),
    state: row.state as OutboxState,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    heldActionId: row.heldActionId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface OutboxStore {
  /** Adds a change; false when a change with this id is there already (a replay). */
  enqueue(
    change: Pick<
      OutboxChange,
      'id' | 'changeId' | 'tenantId' | 'caseId' | 'targetSystem' | 'payload'
    >,
    options: { now: number; store?: StoreHandle },
  ): boolean;
  /**
   * Claims the changes due now, oldest first, at most `limit`: per case only its oldest
   * change that is pending or held, and only when it is pending, so a case's changes
   * reach the ticket in the order they were made and none passes a held one. A claim is a lease; a worker
   * that dies mid-change lets it lapse and another picks the change up. Each claim
   * carries a fresh lease token.
   */
  claimDue(input: {
    now: number;
    leaseMs: number;
    limit: number;
    tenantId?: string;
  }): ClaimedChange[];
  /**
   * Records the outcome of an attempt, only while the claim's lease token is still the
   * row's: false when the lease lapsed and another worker claimed the change since, so
   * a slow attempt never overwrites what the newer claim records.
   */
  settle(
    id: string,
    outcome: {
      leaseToken: string;
      state: OutboxState;
      now: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      heldActionId?: string | null;
    },
  ): boolean;
  /**
   * Moves a held change on once its held action is decided, without counting an
   * attempt; false when the row is no longer held (another worker got there first).
   */
  releaseHeld(
    id: string,
    outcome: { state: OutboxState; now: number; lastError: string | null },
  ): boolean;
  /** Makes a case's waiting notes due now, once the case has a ticket; how many. */
  releaseWaiting(input: {
    tenantId: string;
    caseId: string;
    targetSystem: string;
    now: number;
  }): number;
  list(input: { tenantId?: string; states?: OutboxState[] }): OutboxChange[];
  get(id: string): OutboxChange | undefined;
}

/** A change claimed by one worker, with the token that proves the claim is still its. */
export interface ClaimedChange extends OutboxChange {
  leaseToken: string;
}

export function createOutboxStore({ db }: { db: CasebookDb }): OutboxStore {
  return {
    enqueue(change, { now, store = db }) {
      const inserted = store
        .insert(itsmOutbox)
        .values({
          id: change.id,
          changeId: change.changeId,
          tenantId: change.tenantId,
          caseId: change.caseId,
          targetSystem: change.targetSystem,
          kind: change.payload.kind,
          payloadJson: JSON.stringify(change.payload),
          state: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .run();
      return inserted.changes > 0;
    },

    claimDue({ now, leaseMs, limit, tenantId }) {
      return db.transaction(
        (tx) => {
          // A case's oldest unsettled change is its head; a held one keeps the case's
          // turn until people decide on it, and a pending one until it is delivered.
          const earlier = alias(itsmOutbox, 'earlier');
          const due = tx
            .select()
            .from(itsmOutbox)
            .where(
              and(
                eq(itsmOutbox.state, 'pending'),
                tenantId === undefined ? undefined : eq(itsmOutbox.tenantId, tenantId),
                lte(itsmOutbox.nextAttemptAt, now),
                or(isNull(itsmOutbox.leaseUntil), lte(itsmOutbox.leaseUntil, now)),
                notExists(
                  tx
                    .select({ id: earlier.id })
                    .from(earlier)
                    .where(
                      and(
                        eq(earlier.tenantId, itsmOutbox.tenantId),
                        eq(earlier.caseId, itsmOutbox.caseId),
                        eq(earlier.targetSystem, itsmOutbox.targetSystem),
                        inArray(earlier.state, UNSETTLED),
                        or(
                          lt(earlier.createdAt, itsmOutbox.createdAt),
                          and(
                            eq(earlier.createdAt, itsmOutbox.createdAt),
                            sql`${earlier}.rowid < ${itsmOutbox}.rowid`,
                          ),
                        ),
                      ),
                    ),
                ),
              ),
            )
            .orderBy(asc(itsmOutbox.createdAt), asc(INSERTION_ORDER))
            .limit(limit)
            .all();
          const leaseToken = randomUUID();
          if (due.length > 0) {
            tx.update(itsmOutbox)
              .set({ leaseUntil: now + leaseMs, leaseToken })
              .where(
                inArray(
                  itsmOutbox.id,
                  due.map((row) => row.id),
                ),
              )
              .run();
          }
          return due.map((row) => ({ ...toChange(row), leaseToken }));
        },
        { behavior: 'immediate' },
      );
    },

    settle(id, { leaseToken, state, now, nextAttemptAt, lastError = null, heldActionId = null }) {
      const changed = db
        .update(itsmOutbox)
        .set({
          state,
          attempts: sql`${itsmOutbox.attempts} + 1`,
          nextAttemptAt: nextAttemptAt ?? sql`${itsmOutbox.nextAttemptAt}`,
          lastError,
          heldActionId,
          leaseUntil: null,
          leaseToken: null,
          updatedAt: now,
        })
        .where(and(eq(itsmOutbox.id, id), eq(itsmOutbox.leaseToken, leaseToken)))
        .run();
      return changed.changes > 0;
    },

    releaseHeld(id, { state, now, lastError }) {
      const changed = db
        .update(itsmOutbox)
        .set({
          state,
          nextAttemptAt: now,
          lastError,
          leaseUntil: null,
          leaseToken: null,
          updatedAt: now,
        })
        .where(and(eq(itsmOutbox.id, id), eq(itsmOutbox.state, 'held')))
        .run();
      return changed.changes > 0;
    },

    releaseWaiting({ tenantId, caseId, targetSystem, now }) {
      const changed = db
        .update(itsmOutbox)
        .set({ state: 'pending', nextAttemptAt: now, lastError: null, updatedAt: now })
        .where(
          and(
            eq(itsmOutbox.tenantId, tenantId),
            eq(itsmOutbox.caseId, caseId),
            eq(itsmOutbox.targetSystem, targetSystem),
            eq(itsmOutbox.state, 'waiting'),
          ),
        )
        .run();
      return changed.changes;
    },

    list({ tenantId, states }) {
      const conditions = [
        tenantId === undefined ? undefined : eq(itsmOutbox.tenantId, tenantId),
        states === undefined ? undefined : inArray(itsmOutbox.state, states),
      ].filter((condition) => condition !== undefined);
      return db
        .select()
        .from(itsmOutbox)
        .where(conditions.length === 0 ? undefined : and(...conditions))
        .orderBy(asc(itsmOutbox.createdAt), asc(INSERTION_ORDER))
        .all()
        .map(toChange);
    },

    get(id) {
      const row = db.select().from(itsmOutbox).where(eq(itsmOutbox.id, id)).get();
      return row === undefined ? undefined : toChange(row);
    },
  };
}
