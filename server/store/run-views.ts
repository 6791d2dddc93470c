import { and, desc, eq, sql } from 'drizzle-orm';

import { FirstLook } from '../../agents/schemas/first-look.ts';
import { createRunStore } from '../../agents/store/run-store.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import { cases, drafts, findings, runs } from '../../db/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import type { HeldAction } from '../../policy/held-actions/held-action.ts';
import { RunStatus } from '../runs/run-request.ts';
import type { CaseView, RunView } from '../schemas/api-schemas.ts';
import { getRunRequest, listRunRequests } from './run-requests.ts';
import { listRunSteps } from './run-steps.ts';

/**
 * A run as the API shows it: the queue's view of it (queued, running, who asked) over
 * the run's own record (steps, usage, failure, first look). Runs started from the CLI
 * have no request and show from their record alone.
 */
export function loadRunView(
  db: CasebookDb,
  { tenantId, id }: { tenantId: string; id: string },
): RunView | undefined {
  const request = getRunRequest(db, { tenantId, id });
  const run = createRunStore({ db, clock: systemClock }).getRun({ tenantId, runId: id });
  if (request === undefined && run === undefined) return undefined;

  const finding = db
    .select({ json: findings.json })
    .from(findings)
    .where(
      and(eq(findings.tenantId, tenantId), eq(findings.runId, id), eq(findings.kind, 'first_look')),
    )
    .get();

  return {
    id,
    caseId: request?.caseId ?? run?.caseId ?? '',
    trigger: request?.trigger ?? run?.trigger ?? 'unknown',
    status: request?.status ?? RunStatus.parse(run?.status),
    requestedBy: request?.requestedBy ?? null,
    queuedAt: request?.createdAt ?? null,
    startedAt: run?.startedAt ?? request?.startedAt ?? null,
    finishedAt: request?.finishedAt ?? run?.finishedAt ?? null,
    failure: request?.failure ?? run?.failure ?? null,
    usage: { inputTokens: run?.inputTokens ?? 0, outputTokens: run?.outputTokens ?? 0 },
    eventsFetched: run?.eventsFetched ?? 0,
    steps: listRunSteps(db, { tenantId, runId: id }).map(({ seq, step }) => ({ seq, ...step })),
    firstLook: finding === undefined ? null : FirstLook.parse(JSON.parse(finding.json)),
  };
}

/**
 * A case: the latest first look, the drafts written for it, its held actions and its
 * runs, newest first. Undefined when the tenant has neither run nor asked for a run of it.
 */
export function loadCaseView(
  db: CasebookDb,
  {
    tenantId,
    caseId,
    heldActions,
  }: { tenantId: string; caseId: string; heldActions: () => HeldAction[] },
): CaseView | undefined {
  const row = db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
    .get();
  const requests = listRunRequests(db, { tenantId, caseId });
  if (row === undefined && requests.length === 0) return undefined;

  const recorded = db
    .select()
    .from(runs)
    .where(and(eq(runs.tenantId, tenantId), eq(runs.caseId, caseId)))
    .orderBy(desc(runs.startedAt), desc(sql`rowid`))
    .all();
  const requested = new Set(requests.map((request) => request.id));
  const summaries = [
    ...requests.map((request) => ({
      id: request.id,
      trigger: request.trigger,
      status: request.status,
      queuedAt: request.createdAt,
      startedAt: request.startedAt,
      finishedAt: request.finishedAt,
    })),
    ...recorded
      .filter((run) => !requested.has(run.id))
      .map((run) => ({
        id: run.id,
        trigger: run.trigger,
        status: RunStatus.parse(run.status),
        queuedAt: null,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
      })),
  ].sort((a, b) => (b.queuedAt ?? b.startedAt ?? 0) - (a.queuedAt ?? a.startedAt ?? 0));

  return {
    caseId,
    firstSeenAt: row?.firstSeenAt ?? null,
    updatedAt: row?.updatedAt ?? null,
    latestRunId: row?.latestRunId ?? null,
    verdict: row?.verdict ?? null,
    severity: row?.severity ?? null,
    confidence: row?.confidence ?? null,
    headline: row?.headline ?? null,
    firstLook:
      createRunStore({ db, clock: systemClock }).latestFirstLook({ tenantId, caseId }) ?? null,
    drafts: db
      .select()
      .from(drafts)
      .where(and(eq(drafts.tenantId, tenantId), eq(drafts.caseId, caseId)))
      .orderBy(desc(drafts.createdAt), desc(sql`rowid`))
      .all()
      .map(({ tenantId: _tenant, caseId: _case, ...draft }) => draft),
    heldActions: heldActions(),
    runs: summaries,
  };
}
