import { and, eq } from 'drizzle-orm';

import { heldActionEdits, heldActions } from '../../db/schema.ts';
import { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { AnyWriteTool, ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { invalidToolInput } from '../../tools/registry/invalid-tool-input.ts';
import { canonicalHash, canonicalJson } from '../canonical-json.ts';
import { summariseError } from '../execution/summarise-error.ts';
import type { PolicyDecision } from '../policy-decision.ts';
import { type ApprovalResult, approveHeldAction, finishApproval } from './approve-held-action.ts';
import { decideHeldAction } from './decide-held-action.ts';
import type { HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { HeldActionEditError } from './held-action-edit-error.ts';
import { recordApproval } from './record-approval.ts';
import { screenDecider } from './screen-decider.ts';

/**
 * Replaces a held action's arguments and approves the new ones. The edit is recorded
 * with both hashes; approvals given to the old arguments stop counting, so an edited
 * containment action still needs its full number of approvers (the editor is one).
 */
export async function editAndApproveHeldAction<Caps extends ToolCapabilities>({
  deps,
  id,
  principalId,
  args,
  comment = null,
}: {
  deps: HeldActionDeps<Caps>;
  id: string;
  principalId: string;
  args: unknown;
  comment?: string | null;
}): Promise<ApprovalResult> {
  const before = screen(deps, id, principalId);
  const tool = deps.registry.get(before.tool);
  if (tool === undefined || tool.effect === 'read') {
    throw new HeldActionEditError(id, `tool ${before.tool} is no longer a registered write tool`);
  }

  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const { issues } = invalidToolInput({ tool: tool.name, error: parsed.error, input: args });
    throw new HeldActionEditError(id, `${tool.name} rejects the new arguments`, issues);
  }

  const next = parsed.data as Record<string, unknown>;
  const argsHash = canonicalHash(next);
  if (argsHash === before.argsHash) {
    return approveHeldAction({ deps, id, principalId, comment });
  }

  let preview: BlastRadius;
  try {
    preview = BlastRadius.parse(
      await tool.preview(next, { reads: deps.capabilities.reads, signal: undefined }),
    );
  } catch (error) {
    throw new HeldActionEditError(
      id,
      `the new arguments cannot be previewed: ${summariseError(error).message}`,
    );
  }

  // A ticket is outside the console's blast radius that policy conditions read: an edit
  // may change what a ticket write does, never which ticket it does it to.
  const tickets = (radius: BlastRadius) =>
    radius.tickets
      .map((ticket) => `${ticket.system}:${ticket.id}`)
      .sort()
      .join(',');
  if (before.preview.tickets.length > 0 && tickets(preview) !== tickets(before.preview)) {
    throw new HeldActionEditError(
      id,
      `an edit cannot move ${before.tool} to another ticket (${tickets(before.preview)} -> ` +
        `${tickets(preview) || 'none'}); deny it and ask for the other ticket`,
    );
  }

  const decision = decideAgain({ deps, before, tool, args: next, preview });
  const approvalsRequired = Math.max(
    before.approvalsRequired,
    decision.outcome === 'hold' ? decision.approvalsRequired : 0,
  );

  const decided = deps.db.transaction(
    (tx) => {
      const screened = screenDecider({ store: tx, deps, id, principalId, attempt: 'edit' });
      if (!screened.ok) return screened;
      if (screened.action.argsHash !== before.argsHash) {
        return {
          ok: false as const,
          error: new HeldActionEditError(id, 'it was edited by someone else meanwhile'),
        };
      }

      const now = deps.clock.now();
      const editor = screened.principal.id;
      // The agent's reason spoke of the old arguments; approvers read what the edit did.
      const editedReason =
        `edited by ${editor}: ${preview.summary}; first asked: ${before.reason}`.slice(0, 2_000);
      tx.update(heldActions)
        .set({
          argsJson: canonicalJson(next),
          argsHash,
          previewJson: canonicalJson(preview),
          decisionJson: canonicalJson(decision),
          reason: editedReason,
          approvalsRequired,
          updatedAt: now,
        })
        .where(and(eq(heldActions.id, id), eq(heldActions.argsHash, before.argsHash)))
        .run();
      tx.insert(heldActionEdits)
        .values({
          heldActionId: id,
          tenantId: deps.tenantId,
          principalId: editor,
          previousArgsJson: canonicalJson(before.args),
          previousArgsHash: before.argsHash,
          argsJson: canonicalJson(next),
          argsHash,
          createdAt: now,
        })
        .run();
      deps.audit.append(
        {
          tenantId: deps.tenantId,
          kind: 'action.edited',
          caseId: before.caseId,
          runId: before.runId,
          step: before.step,
          actor: editor,
          payload: {
            heldActionId: id,
            tool: before.tool,
            previousArgsHash: before.argsHash,
            previousArgs: before.args,
            argsHash,
            args: next,
            preview,
            decision,
            approvalsRequired,
            comment,
          },
        },
        { store: tx },
      );

      const action: HeldAction = {
        ...screened.action,
        reason: editedReason,
        args: next,
        argsHash,
        preview,
        decision,
        approvalsRequired,
      };
      const recorded = recordApproval({
        store: tx,
        deps,
        action,
        principal: screened.principal,
        comment,
      });
      return { ok: true as const, action, principalId: editor, ...recorded };
    },
    { behavior: 'immediate' },
  );
  if (!decided.ok) throw decided.error;

  return finishApproval({ deps, ...decided });
}

function screen<Caps extends ToolCapabilities>(
  deps: HeldActionDeps<Caps>,
  id: string,
  principalId: string,
): HeldAction {
  const screened = deps.db.transaction(
    (tx) => screenDecider({ store: tx, deps, id, principalId, attempt: 'edit' }),
    { behavior: 'immediate' },
  );
  if (!screened.ok) throw screened.error;
  return screened.action;
}

/**
 * Edited arguments are a new call: policy decides them again, on the facts the action was
 * held on and the new blast radius. A denial refuses the edit; a hold may ask for more
 * approvers than before, never fewer.
 */
function decideAgain<Caps extends ToolCapabilities>({
  deps,
  before,
  tool,
  args,
  preview,
}: {
  deps: HeldActionDeps<Caps>;
  before: HeldAction;
  tool: AnyWriteTool<Caps>;
  args: Record<string, unknown>;
  preview: BlastRadius;
}): PolicyDecision {
  const decision = decideHeldAction({ deps, action: before, tool, args, preview });
  if (decision === undefined) {
    throw new HeldActionEditError(
      before.id,
      'the tenant policy is not loaded here, so the new arguments cannot be decided again',
    );
  }
  if (decision.outcome === 'deny') {
    throw new HeldActionEditError(before.id, `policy denies the new arguments: ${decision.reason}`);
  }

  return decision;
}
