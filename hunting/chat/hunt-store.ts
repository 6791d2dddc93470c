import { and, asc, desc, eq, sql } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import {
  cases,
  type HuntThreadRow,
  huntMessages,
  huntThreads,
  promotedHunts,
} from '../../db/schema.ts';
import { CasebookError } from '../../lib/casebook-error.ts';
import { HuntFocus } from '../refine/hunt-focus.ts';
import { HuntSummary } from '../run/summarise-hunt.ts';
import { HuntWindow } from '../translate/extract-time-range.ts';
import { HuntIntent } from '../translate/hunt-intent.ts';
import type { HuntMessage, HuntThread, PromotedHunt } from './hunt-events.ts';

/** No thread with that id belongs to this hunter on this tenant. */
export class HuntThreadNotFoundError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HUNT_THREAD_NOT_FOUND';
}

export interface StoredThread extends HuntThread {
  readonly currentIntent: HuntIntent | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toThread(row: HuntThreadRow): StoredThread {
  const intent = HuntIntent.safeParse(row.currentIntent);
  return {
    id: row.id,
    tenantId: row.tenantId,
    hunterId: row.hunterId,
    title: row.title,
    currentQuery: row.currentQuery,
    currentIntent: intent.success ? intent.data : null,
    currentWindow:
      row.currentWindowJson === null ? null : HuntWindow.parse(JSON.parse(row.currentWindowJson)),
    focus: HuntFocus.catch('process').parse(row.focus),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** casebook's record of hunt threads, their messages and the hunts promoted to cases. */
export function createHuntStore({ db }: { db: CasebookDb }) {
  const find = (where: { tenantId: string; hunterId: string; threadId: string }) => {
    const row = db
      .select()
      .from(huntThreads)
      .where(
        and(
          eq(huntThreads.id, where.threadId),
          eq(huntThreads.tenantId, where.tenantId),
          eq(huntThreads.hunterId, where.hunterId),
        ),
      )
      .get();
    if (row === undefined) {
      throw new HuntThreadNotFoundError(
        `there is no hunt thread "${where.threadId}" of ${where.hunterId}; ` +
          'start one, or list your threads',
      );
    }
    return toThread(row);
  };

  return {
    createThread(thread: {
      id: string;
      tenantId: string;
      hunterId: string;
      title: string;
      now: number;
    }): StoredThread {
      db.insert(huntThreads)
        .values({
          id: thread.id,
          tenantId: thread.tenantId,
          hunterId: thread.hunterId,
          title: thread.title,
          createdAt: thread.now,
          updatedAt: thread.now,
        })
        .run();
      return find({ ...thread, threadId: thread.id });
    },

    getThread: find,

    listThreads(where: { tenantId: string; hunterId: string }): StoredThread[] {
      return db
        .select()
        .from(huntThreads)
        .where(
          and(eq(huntThreads.tenantId, where.tenantId), eq(huntThreads.hunterId, where.hunterId)),
        )
        .orderBy(desc(huntThreads.updatedAt), asc(huntThreads.id))
        .all()
        .map(toThread);
    },

    /** Appends a message; the seq is taken inside the same transaction as the insert. */
    appendMessage(message: {
      tenantId: string;
      threadId: string;
      role: 'hunter' | 'agent';
      text: string;
      query?: string | null;
      explanation?: string | null;
      window?: HuntWindow | null;
      summary?: HuntSummary | null;
      now: number;
    }): number {
      return db.transaction(
        (tx) => {
          const last = tx
            .select({ seq: sql<number>`coalesce(max(${huntMessages.seq}), 0)` })
            .from(huntMessages)
            .where(eq(huntMessages.threadId, message.threadId))
            .get();
          const seq = (last?.seq ?? 0) + 1;
          tx.insert(huntMessages)
            .values({
              threadId: message.threadId,
              tenantId: message.tenantId,
              seq,
              role: message.role,
              text: message.text,
              query: message.query ?? null,
              explanation: message.explanation ?? null,
              windowJson: message.window == null ? null : JSON.stringify(message.window),
              summaryJson: message.summary == null ? null : JSON.stringify(message.summary),
              createdAt: message.now,
            })
            .run();
          tx.update(huntThreads)
            .set({ updatedAt: message.now })
            .where(eq(huntThreads.id, message.threadId))
            .run();
          return seq;
        },
        { behavior: 'immediate' },
      );
    },

    setCurrent(current: {
      tenantId: string;
      threadId: string;
      title?: string;
      query: string;
      intent: HuntIntent;
      window: HuntWindow;
      focus: HuntFocus;
      now: number;
    }): void {
      db.update(huntThreads)
        .set({
          ...(current.title === undefined ? {} : { title: current.title }),
          currentQuery: current.query,
          currentIntent: current.intent,
          currentWindowJson: JSON.stringify(current.window),
          focus: current.focus,
          updatedAt: current.now,
        })
        .where(
          and(eq(huntThreads.id, current.threadId), eq(huntThreads.tenantId, current.tenantId)),
        )
        .run();
    },

    listMessages(where: { tenantId: string; threadId: string }): HuntMessage[] {
      return db
        .select()
        .from(huntMessages)
        .where(
          and(eq(huntMessages.threadId, where.threadId), eq(huntMessages.tenantId, where.tenantId)),
        )
        .orderBy(asc(huntMessages.seq))
        .all()
        .map((row) => ({
          seq: row.seq,
          role: row.role === 'agent' ? 'agent' : 'hunter',
          text: row.text,
          query: row.query,
          explanation: row.explanation,
          window: row.windowJson === null ? null : HuntWindow.parse(JSON.parse(row.windowJson)),
          summary: row.summaryJson === null ? null : HuntSummary.parse(JSON.parse(row.summaryJson)),
          createdAt: iso(row.createdAt),
        }));
    },

    /**
     * Records a promoted hunt and its case in one transaction. Promoting the same thread
     * again returns the case it already became.
     */
    promote(promotion: {
      id: string;
      tenantId: string;
      threadId: string;
      hunterId: string;
      caseId: string;
      title: string;
      queries: PromotedHunt['queries'];
      eventIds: string[];
      now: number;
    }): PromotedHunt {
      return db.transaction(
        (tx) => {
          const earlier = tx
            .select()
            .from(promotedHunts)
            .where(
              and(
                eq(promotedHunts.tenantId, promotion.tenantId),
                eq(promotedHunts.caseId, promotion.caseId),
              ),
            )
            .get();
          if (earlier === undefined) {
            tx.insert(cases)
              .values({
                tenantId: promotion.tenantId,
                id: promotion.caseId,
                firstSeenAt: promotion.now,
                updatedAt: promotion.now,
                headline: promotion.title,
              })
              .onConflictDoNothing()
              .run();
            tx.insert(promotedHunts)
              .values({
                id: promotion.id,
                tenantId: promotion.tenantId,
                threadId: promotion.threadId,
                caseId: promotion.caseId,
                hunterId: promotion.hunterId,
                title: promotion.title,
                queriesJson: JSON.stringify(promotion.queries),
                eventIdsJson: JSON.stringify(promotion.eventIds),
                createdAt: promotion.now,
              })
              .run();
          }
          const row =
            earlier ??
            tx.select().from(promotedHunts).where(eq(promotedHunts.id, promotion.id)).get();
          if (row === undefined) throw new Error('the promoted hunt was not stored');
          return {
            id: row.id,
            caseId: row.caseId,
            threadId: row.threadId,
            title: row.title,
            queries: JSON.parse(row.queriesJson),
            eventIds: JSON.parse(row.eventIdsJson),
            createdAt: iso(row.createdAt),
          };
        },
        { behavior: 'immediate' },
      );
    },
  };
}

export type HuntStore = ReturnType<typeof createHuntStore>;
