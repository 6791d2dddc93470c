import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';

import {
  type ApprovalRow,
  approvals,
  type HeldActionEditRow,
  type HeldActionRow,
  heldActionEdits,
  heldActions,
} from '../../db/schema.ts';
import { canonicalPrincipalId } from '../identity/canonical-principal-id.ts';
import type { StoreHandle } from '../store-handle.ts';
import { HeldAction, type HeldActionStatus } from './held-action.ts';

export interface HeldActionFilter {
  tenantId: string;
  statuses?: readonly HeldActionStatus[];
  caseId?: string;
  runId?: string;
  /** Only actions whose run id starts with this. */
  runIdPrefix?: string;
  tool?: string;
  limit?: number;
}

/** Held actions, newest first, with their approvals and edits. */
export function queryHeldActions(store: StoreHandle, filter: HeldActionFilter): HeldAction[] {
  const conditions: (SQL | undefined)[] = [
    eq(heldActions.tenantId, filter.tenantId),
    filter.statuses && inArray(heldActions.status, [...filter.statuses]),
    filter.caseId === undefined ? undefined : eq(heldActions.caseId, filter.caseId),
    filter.runId === undefined ? undefined : eq(heldActions.runId, filter.runId),
    filter.runIdPrefix === undefined
      ? undefined
      : sql`substr(${heldActions.runId}, 1, ${filter.runIdPrefix.length}) = ${filter.runIdPrefix}`,
    filter.tool === undefined ? undefined : eq(heldActions.tool, filter.tool),
  ];
  const rows = store
    .select()
    .from(heldActions)
    .where(and(...conditions))
    // rowid breaks ties in insertion order: ids are random, times can repeat.
    .orderBy(desc(heldActions.createdAt), desc(sql`rowid`))
    .limit(filter.limit ?? 500)
    .all();

  return withDecisions(store, rows);
}

export function loadHeldAction(
  store: StoreHandle,
  { tenantId, id }: { tenantId: string; id: string },
): HeldAction | undefined {
  const row = store
    .select()
    .from(heldActions)
    .where(and(eq(heldActions.tenantId, tenantId), eq(heldActions.id, id)))
    .get();

  return row && withDecisions(store, [row])[0];
}

/** A pending action of the same case, tool and arguments: asking again joins it. */
export function findPendingTwin(
  store: StoreHandle,
  key: { tenantId: string; caseId: string; tool: string; argsHash: string; now: number },
): HeldAction | undefined {
  const row = store
    .select()
    .from(heldActions)
    .where(
      and(
        eq(heldActions.tenantId, key.tenantId),
        eq(heldActions.argsHash, key.argsHash),
        eq(heldActions.caseId, key.caseId),
        eq(heldActions.tool, key.tool),
        eq(heldActions.status, 'pending'),
        // One past its expiry is closed, though nothing has marked it yet.
        gt(heldActions.expiresAt, key.now),
      ),
    )
    .get();

  return row && withDecisions(store, [row])[0];
}

function withDecisions(store: StoreHandle, rows: HeldActionRow[]): HeldAction[] {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const decisions = store
    .select()
    .from(approvals)
    .where(inArray(approvals.heldActionId, ids))
    .orderBy(asc(approvals.id))
    .all();
  const edits = store
    .select()
    .from(heldActionEdits)
    .where(inArray(heldActionEdits.heldActionId, ids))
    .orderBy(asc(heldActionEdits.id))
    .all();

  return rows.map((row) =>
    toHeldAction(
      row,
      decisions.filter((decision) => decision.heldActionId === row.id),
      edits.filter((edit) => edit.heldActionId === row.id),
    ),
  );
}

function toHeldAction(
  row: HeldActionRow,
  decisions: ApprovalRow[],
  edits: HeldActionEditRow[],
): HeldAction {
  const approvedBy = decisions
    .filter((decision) => decision.decision === 'approve' && decision.argsHash === row.argsHash)
    // Canonical, so an approval stored before ids were canonical names its person once.
    .map((decision) => canonicalPrincipalId(decision.principalId));

  return HeldAction.parse({
    id: row.id,
    tenantId: row.tenantId,
    caseId: row.caseId,
    runId: row.runId,
    agentId: row.agentId,
    requestedBy: row.requestedBy,
    step: row.step,
    tool: row.tool,
    effect: row.effect,
    args: JSON.parse(row.argsJson),
    argsHash: row.argsHash,
    reason: row.reason,
    decision: JSON.parse(row.decisionJson),
    preview: JSON.parse(row.previewJson),
    facts: row.factsJson === null ? null : JSON.parse(row.factsJson),
    consoleUrl: row.consoleUrl,
    approvalsRequired: row.approvalsRequired,
    approvedBy: [...new Set(approvedBy)],
    status: row.status,
    outcome: row.outcomeJson === null ? null : JSON.parse(row.outcomeJson),
    approvals: decisions.map((decision) => ({
      principalId: decision.principalId,
      role: decision.role,
      decision: decision.decision,
      argsHash: decision.argsHash,
      comment: decision.comment,
      createdAt: decision.createdAt,
    })),
    edits: edits.map((edit) => ({
      principalId: edit.principalId,
      previousArgsHash: edit.previousArgsHash,
      argsHash: edit.argsHash,
      createdAt: edit.createdAt,
    })),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    updatedAt: row.updatedAt,
    executedAt: row.executedAt,
  });
}
