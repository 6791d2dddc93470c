import { and, asc, desc, eq, sql } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { cases, drafts, type FindingRow, findings, runSteps, runs } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { RunFailure } from '../run/run-failure.ts';
import type { RunStep } from '../run/run-step.ts';
import { FirstLook } from '../schemas/first-look.ts';

export type DraftStatus = 'draft' | 'pending' | 'posted' | 'held' | 'denied' | 'failed' | 'skipped';

export interface StoredRun {
  id: string;
  tenantId: string;
  caseId: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  models: Record<string, string>;
  startedAt: number;
  finishedAt: number | null;
  failure: RunFailure | null;
  inputTokens: number;
  outputTokens: number;
  eventsFetched: number;
}

/**
 * casebook's record of case runs: the case, the run and its steps as they happen, and at
 * the end, in one transaction, the first look and its drafts, or the failure. Nothing of a
 * finding is written unless all of it is.
 */
export interface RunStore {
  startRun(run: {
    tenantId: string;
    caseId: string;
    runId: string;
    trigger: string;
    models: Record<string, string>;
  }): void;
  recordStep(run: { tenantId: string; runId: string }, step: RunStep): void;
  completeRun(result: {
    tenantId: string;
    runId: string;
    firstLook: FirstLook;
    note: { id: string; body: string };
    notificationId: string;
    findingId: string;
    usage: { inputTokens: number; outputTokens: number };
    eventsFetched: number;
  }): void;
  failRun(result: {
    tenantId: string;
    runId: string;
    failure: RunFailure;
    usage: { inputTokens: number; outputTokens: number };
    eventsFetched: number;
  }): void;
  updateDraft(draft: {
    tenantId: string;
    id: string;
    status: DraftStatus;
    heldActionId?: string | null;
    detail: string;
  }): void;
  getRun(where: { tenantId: string; runId: string }): StoredRun | undefined;
  listSteps(where: { tenantId: string; runId: string }): RunStep[];
  /** The latest stored first look of a case, checked against its schema on the way out. */
  latestFirstLook(where: { tenantId: string; caseId: string }): FirstLook | undefined;
}

export function createRunStore({ db, clock }: { db: CasebookDb; clock: Clock }): RunStore {
  const seqs = new Map<string, number>();

  return {
    startRun({ tenantId, caseId, runId, trigger, models }) {
      const now = clock.now();
      db.transaction((tx) => {
        tx.insert(cases)
          .values({ tenantId, id: caseId, firstSeenAt: now, updatedAt: now })
          .onConflictDoNothing()
          .run();
        tx.insert(runs)
          .values({
            id: runId,
            tenantId,
            caseId,
            trigger,
            status: 'running',
            modelsJson: JSON.stringify(models),
            startedAt: now,
          })
          .run();
      });
    },

    recordStep({ tenantId, runId }, step) {
      const seq = (seqs.get(runId) ?? 0) + 1;
      seqs.set(runId, seq);
      db.insert(runSteps)
        .values({ runId, tenantId, seq, ...step })
        .run();
    },

    completeRun({
      tenantId,
      runId,
      firstLook,
      note,
      notificationId,
      findingId,
      usage,
      eventsFetched,
    }) {
      const now = clock.now();
      const { triage } = firstLook;
      db.transaction((tx) => {
        tx.insert(findings)
          .values({
            id: findingId,
            tenantId,
            caseId: firstLook.caseId,
            runId,
            kind: 'first_look',
            schemaVersion: firstLook.schemaVersion,
            verdict: triage.verdict,
            confidence: triage.confidence,
            severity: triage.severity,
            json: JSON.stringify(firstLook),
            createdAt: now,
          })
          .run();
        tx.insert(drafts)
          .values([
            {
              id: notificationId,
              tenantId,
              caseId: firstLook.caseId,
              runId,
              kind: 'notification',
              status: 'draft',
              subject: firstLook.notification.subject,
              body: firstLook.notification.body,
              createdAt: now,
              updatedAt: now,
            },
            {
              id: note.id,
              tenantId,
              caseId: firstLook.caseId,
              runId,
              kind: 'case_note',
              status: 'pending',
              body: note.body,
              createdAt: now,
              updatedAt: now,
            },
          ])
          .run();
        tx.update(runs)
          .set({ status: 'succeeded', finishedAt: now, ...usage, eventsFetched })
          .where(and(eq(runs.tenantId, tenantId), eq(runs.id, runId)))
          .run();
        tx.update(cases)
          .set({
            updatedAt: now,
            latestRunId: runId,
            verdict: triage.verdict,
            severity: triage.severity,
            confidence: triage.confidence,
            headline: firstLook.headline,
          })
          .where(and(eq(cases.tenantId, tenantId), eq(cases.id, firstLook.caseId)))
          .run();
      });
    },

    failRun({ tenantId, runId, failure, usage, eventsFetched }) {
      db.update(runs)
        .set({
          status: 'failed',
          finishedAt: clock.now(),
          failureJson: JSON.stringify(failure),
          ...usage,
          eventsFetched,
        })
        .where(and(eq(runs.tenantId, tenantId), eq(runs.id, runId)))
        .run();
    },

    updateDraft({ tenantId, id, status, heldActionId = null, detail }) {
      db.update(drafts)
        .set({ status, heldActionId, detail, updatedAt: clock.now() })
        .where(and(eq(drafts.tenantId, tenantId), eq(drafts.id, id)))
        .run();
    },

    getRun({ tenantId, runId }) {
      const row = db
        .select()
        .from(runs)
        .where(and(eq(runs.tenantId, tenantId), eq(runs.id, runId)))
        .get();
      if (row === undefined) return undefined;
      const { modelsJson, failureJson, status, ...rest } = row;
      return {
        ...rest,
        status: status as StoredRun['status'],
        models: JSON.parse(modelsJson) as Record<string, string>,
        failure: failureJson === null ? null : (JSON.parse(failureJson) as RunFailure),
      };
    },

    listSteps({ tenantId, runId }) {
      return db
        .select()
        .from(runSteps)
        .where(and(eq(runSteps.tenantId, tenantId), eq(runSteps.runId, runId)))
        .orderBy(asc(runSteps.seq))
        .all()
        .map(({ agentId, kind, name, status, detail, startedAt, finishedAt }) => ({
          agentId,
          kind: kind as RunStep['kind'],
          name,
          status: status as RunStep['status'],
          detail,
          startedAt,
          finishedAt,
        }));
    },

    latestFirstLook({ tenantId, caseId }) {
      const row = latestFirstLookRow({ db, tenantId, caseId });
      return row === undefined ? undefined : FirstLook.parse(JSON.parse(row.json));
    },
  };
}

/** The stored row of a case's newest first look; rowid breaks ties of equal times. */
export function latestFirstLookRow({
  db,
  tenantId,
  caseId,
}: {
  db: CasebookDb;
  tenantId: string;
  caseId: string;
}): FindingRow | undefined {
  return db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.tenantId, tenantId),
        eq(findings.caseId, caseId),
        eq(findings.kind, 'first_look'),
      ),
    )
    .orderBy(desc(findings.createdAt), desc(sql`rowid`))
    .limit(1)
    .get();
}
