import { randomBytes } from 'node:crypto';

import { heldActions } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { CaseFacts } from '../case-facts.ts';
import type { PolicyDecision } from '../policy-decision.ts';
import type { StoreHandle } from '../store-handle.ts';
import type { ToolEffect } from '../tool-effect.ts';
import type { HeldAction } from './held-action.ts';
import { findPendingTwin, loadHeldAction } from './held-action-store.ts';

const MAX_REASON = 2_000;

export interface HoldRequest {
  tenantId: string;
  caseId: string;
  runId: string;
  agentId: string;
  requestedBy: string;
  step: number | null;
  tool: string;
  effect: ToolEffect;
  /** Parsed arguments; stored as canonical JSON. */
  args: Record<string, unknown>;
  argsHash: string;
  reason: string;
  decision: PolicyDecision;
  preview: BlastRadius;
  /** The facts the decision was made on. */
  facts: CaseFacts;
  /** The console the call was asked on, when the gate knows it. */
  consoleUrl: string | null;
}

export function generateHeldActionId(): string {
  return `ha_${randomBytes(8).toString('hex')}`;
}

/**
 * Stores a held action inside the caller's transaction and audits it. Asking again
 * for the same case, tool and arguments while one is pending joins that one, so a
 * model repeating itself cannot pile up approval requests.
 */
export function holdAction({
  store,
  audit,
  clock,
  request,
  generateId = generateHeldActionId,
}: {
  store: StoreHandle;
  audit: AuditTrail;
  clock: Clock;
  request: HoldRequest;
  generateId?: () => string;
}): { action: HeldAction; joined: boolean } {
  const now = clock.now();
  const twin = findPendingTwin(store, { ...request, now });
  const holdForMs = request.decision.holdForMs ?? 0;
  const id = twin?.id ?? generateId();

  if (twin === undefined) {
    store
      .insert(heldActions)
      .values({
        id,
        tenantId: request.tenantId,
        caseId: request.caseId,
        runId: request.runId,
        agentId: request.agentId,
        requestedBy: request.requestedBy,
        step: request.step,
        tool: request.tool,
        effect: request.effect,
        argsJson: canonicalJson(request.args),
        argsHash: request.argsHash,
        reason: request.reason.slice(0, MAX_REASON),
        decisionJson: canonicalJson(request.decision),
        previewJson: canonicalJson(request.preview),
        factsJson: canonicalJson(request.facts),
        consoleUrl: request.consoleUrl,
        approvalsRequired: Math.max(1, request.decision.approvalsRequired),
        status: 'pending',
        outcomeJson: null,
        createdAt: now,
        expiresAt: now + holdForMs,
        updatedAt: now,
        executedAt: null,
      })
      .run();
  }

  const action = loadHeldAction(store, { tenantId: request.tenantId, id });
  if (action === undefined) throw new Error(`held action ${id} vanished inside its transaction`);

  audit.append(
    {
      tenantId: request.tenantId,
      kind: 'action.held',
      caseId: request.caseId,
      runId: request.runId,
      step: request.step,
      actor: request.agentId,
      payload: {
        heldActionId: id,
        joined: twin !== undefined,
        tool: request.tool,
        effect: request.effect,
        args: request.args,
        argsHash: request.argsHash,
        reason: action.reason,
        approvalsRequired: action.approvalsRequired,
        expiresAt: action.expiresAt,
        preview: request.preview,
      },
    },
    { store },
  );

  return { action, joined: twin !== undefined };
}
