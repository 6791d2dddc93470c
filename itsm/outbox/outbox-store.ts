import { and, asc, eq, inArray } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { type ItsmOutboxRow, itsmOutbox } from '../../db/schema.ts';
import type { StoreHandle } from '../../policy/store-handle.ts';
import { type OutboxChange, OutboxPayload, type OutboxState } from './outbox-change.ts';

function toChange(row: ItsmOutboxRow): OutboxChange {
  return {
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
    change: Pick<OutboxChange, 'changeId' | 'tenantId' | 'caseId' | 'targetSystem' | 'payload'>,
    options: { now: number; store?: StoreHandle },
  ): boolean;
  /**
   * Claims the changes due now: per case only the oldest pending one, so a case's
   * changes reach the ticket in the order they were made. A claim is a lease; a worker
   * that dies mid-change lets it lapse and another picks the change up.
   */
  claimDue(input: {
    now: number;
    leaseMs: number;
    limit: number;
    tenantId?: string;
  }): OutboxChange[];
  settle(
    changeId: string,
    outcome: {
      state: OutboxState;
      now: number;
      nextAttemptAt?: number;
      lastError?: string | null;
      heldActionId?: string | null;
    },
  ): void;
  /**
   * Moves a held change on once its held action is decided, without counting an
   * attempt; false when the row is no longer held (another worker got there first).
   */
  releaseHeld(
    changeId: string,
    outcome: { state: OutboxState; now: number; lastError: string | null },
  ): boolean;
  list(input: { tenantId?: string; states?: OutboxState[] }): OutboxChange[];
  get(changeId: string): OutboxChange | undefined;
}

export function createOutboxStore({ db }: { db: CasebookDb }): OutboxStore {
  return {
    enqueue(change, { now, store = db }) {
      const inserted = store
        .insert(itsmOutbox)
        .values({
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
          const pending = tx
            .select()
            .from(itsmOutbox)
            .where(
              tenantId === undefined
                ? eq(itsmOutbox.state, 'pending')
                : and(eq(itsmOutbox.state, 'pending'), eq(itsmOutbox.tenantId, tenantId)),
            )
            .orderBy(asc(itsmOutbox.createdAt), asc(itsmOutbox.changeId))
            .all();
          const seen = new Set<string>();
          const claimed: ItsmOutboxRow[] = [];
          for (const row of pending) {
            const caseKey = `${row.tenantId}\u0000${row.caseId}\u0000${row.targetSystem}`;
            if (seen.has(caseKey)) continue;
            seen.add(caseKey);
            const leased = row.leaseUntil !== null && row.leaseUntil > now;
            if (row.nextAttemptAt > now || leased || claimed.length >= limit) continue;
            claimed.push(row);
          }
          if (claimed.length > 0) {
            tx.update(itsmOutbox)
              .set({ leaseUntil: now + leaseMs })
              .where(
                inArray(
                  itsmOutbox.changeId,
                  claimed.map((row) => row.changeId),
                ),
              )
              .run();
          }
          return claimed.map(toChange);
        },
        { behavior: 'immediate' },
      );
    },

    settle(changeId, { state, now, nextAttemptAt, lastError = null, heldActionId = null }) {
      const row = db.select().from(itsmOutbox).where(eq(itsmOutbox.changeId, changeId)).get();
      if (row === undefined) return;
      db.update(itsmOutbox)
        .set({
          state,
          attempts: row.attempts + 1,
          nextAttemptAt: nextAttemptAt ?? row.nextAttemptAt,
          lastError,
          heldActionId,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(itsmOutbox.changeId, changeId))
        .run();
    },

    releaseHeld(changeId, { state, now, lastError }) {
      const changed = db
        .update(itsmOutbox)
        .set({ state, nextAttemptAt: now, lastError, leaseUntil: null, updatedAt: now })
        .where(and(eq(itsmOutbox.changeId, changeId), eq(itsmOutbox.state, 'held')))
        .run();
      return changed.changes > 0;
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
        .orderBy(asc(itsmOutbox.createdAt), asc(itsmOutbox.changeId))
        .all()
        .map(toChange);
    },

    get(changeId) {
      const row = db.select().from(itsmOutbox).where(eq(itsmOutbox.changeId, changeId)).get();
      return row === undefined ? undefined : toChange(row);
    },
  };
}
