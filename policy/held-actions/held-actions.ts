import { and, eq, lte } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { heldActions } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { ToolRegistry } from '../../tools/registry/tool-registry.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { DEFAULT_VERIFY_TIMING, type VerifyTiming } from '../execution/execute-write.ts';
import type { Policy } from '../rules/policy-file.ts';
import { type ApprovalResult, approveHeldAction } from './approve-held-action.ts';
import { denyHeldAction } from './deny-held-action.ts';
import { editAndApproveHeldAction } from './edit-held-action.ts';
import type { HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { HeldActionNotFoundError } from './held-action-not-found-error.ts';
import { type HeldActionFilter, loadHeldAction, queryHeldActions } from './held-action-store.ts';
import { type RecoveredAction, recoverInterruptedActions } from './recover-interrupted-actions.ts';
import { expire } from './screen-decider.ts';

export interface HeldActions {
  /** Held actions of the tenant, newest first; expired ones are marked first. */
  list(filter?: Omit<HeldActionFilter, 'tenantId'>): HeldAction[];
  get(id: string): HeldAction;
  /** Approves the current arguments; the final approval runs the action once. */
  /**
   * Approves the current arguments; with `argsHash`, only if they are still the ones the
   * approver saw.
   */
  approve(input: {
    id: string;
    principalId: string;
    comment?: string;
    argsHash?: string;
  }): Promise<ApprovalResult>;
  deny(input: { id: string; principalId: string; comment?: string }): HeldAction;
  /** Replaces the arguments (recorded with both hashes) and approves the new ones. */
  editAndApprove(input: {
    id: string;
    principalId: string;
    args: unknown;
    comment?: string;
  }): Promise<ApprovalResult>;
  /** Marks every pending action past its expiry as expired; returns how many. */
  expireDue(): number;
  /** Settles actions a crash left executing (see recoverInterruptedActions). */
  recoverInterrupted(input: { staleAfterMs: number }): Promise<RecoveredAction[]>;
}

/**
 * The library API for one tenant's held actions (the CLI and, later, the HTTP routes
 * sit on it). All state is in the database, so it works the same after a restart.
 */
export function createHeldActions<Caps extends ToolCapabilities>({
  db,
  tenantId,
  registry,
  capabilities,
  audit,
  clock,
  logger = silentLogger,
  timing = DEFAULT_VERIFY_TIMING,
  policy,
  consoleUrl,
}: {
  db: CasebookDb;
  tenantId: string;
  registry: ToolRegistry<Caps>;
  capabilities: Caps;
  audit: AuditTrail;
  clock: Clock;
  logger?: Logger;
  timing?: VerifyTiming;
  /** Edits are decided again under it; without it, edits are refused. */
  policy?: Policy;
  /**
   * Where `capabilities` write: the console, or per tool (console and ticket system);
   * an action asked on another system is refused.
   */
  consoleUrl?: string | ((tool: string) => string | undefined);
}): HeldActions {
  const deps: HeldActionDeps<Caps> = {
    db,
    tenantId,
    registry,
    capabilities,
    audit,
    clock,
    logger,
    timing,
    ...(policy === undefined ? {} : { policy }),
    ...(consoleUrl === undefined ? {} : { consoleUrl }),
  };

  const expireDue = (): number =>
    db.transaction(
      (tx) => {
        const now = clock.now();
        const due = queryHeldActions(tx, { tenantId, statuses: ['pending'], limit: 10_000 }).filter(
          (action) => action.expiresAt <= now,
        );
        return due.filter((action) => expire({ store: tx, deps, action, now })).length;
      },
      { behavior: 'immediate' },
    );

  return {
    list: (filter = {}) => {
      if (hasDue(db, tenantId, clock.now())) expireDue();
      return queryHeldActions(db, { ...filter, tenantId });
    },
    get: (id) => {
      const action = loadHeldAction(db, { tenantId, id });
      if (action === undefined) throw new HeldActionNotFoundError(id, tenantId);
      return action;
    },
    approve: ({ id, principalId, comment, argsHash }) =>
      approveHeldAction({
        deps,
        id,
        principalId,
        comment,
        ...(argsHash === undefined ? {} : { argsHash }),
      }),
    deny: ({ id, principalId, comment }) => denyHeldAction({ deps, id, principalId, comment }),
    editAndApprove: ({ id, principalId, args, comment }) =>
      editAndApproveHeldAction({ deps, id, principalId, args, comment }),
    expireDue,
    recoverInterrupted: ({ staleAfterMs }) => recoverInterruptedActions({ deps, staleAfterMs }),
  };
}

function hasDue(db: CasebookDb, tenantId: string, now: number): boolean {
  const row = db
    .select({ id: heldActions.id })
    .from(heldActions)
    .where(
      and(
        eq(heldActions.tenantId, tenantId),
        eq(heldActions.status, 'pending'),
        lte(heldActions.expiresAt, now),
      ),
    )
    .limit(1)
    .get();

  return row !== undefined;
}
