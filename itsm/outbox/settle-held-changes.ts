import { z } from 'zod';

import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { HeldAction } from '../../policy/held-actions/held-action.ts';
import { loadHeldAction } from '../../policy/held-actions/held-action-store.ts';
import { recordSentTicketNote } from '../sync/sent-ticket-notes.ts';
import type { OutboxChange, OutboxPayload, OutboxState } from './outbox-change.ts';
import { createOutboxStore } from './outbox-store.ts';

/** The write that completes a change; when it is the one that ran, nothing is left. */
const LAST_STEP: Record<OutboxPayload['kind'], string> = {
  status: 'transition_ticket',
  note: 'add_ticket_note',
};

/** What `add_ticket_note` verified: the id the ITSM gave the note it posted. */
const PostedNote = z.object({ noteId: z.string().min(1) });

/**
 * Records the note an approved `add_ticket_note` posted, so the pull of ticket notes
 * does not copy it back and the change never posts it again.
 */
function recordApprovedNote(db: CasebookDb, change: OutboxChange, action: HeldAction, now: number) {
  if (action.tool !== 'add_ticket_note' || action.status !== 'executed_verified') return;
  const posted = PostedNote.safeParse(action.outcome?.verification?.observed);
  if (!posted.success) return;
  recordSentTicketNote(db, {
    tenantId: change.tenantId,
    system: change.targetSystem,
    caseId: change.caseId,
    changeId: change.changeId,
    noteId: posted.data.noteId,
    now,
  });
}

export interface SettledHeldChange {
  change: OutboxChange;
  state: OutboxState;
  detail: string;
}

function denialOf(action: HeldAction): string {
  const denial = action.approvals.findLast((record) => record.decision === 'deny');
  if (denial === undefined) return `${action.tool} was denied`;
  const why = denial.comment === null ? '' : `: ${denial.comment}`;
  return `${action.tool} was denied by ${denial.principalId}${why}`;
}

/** Where a held change goes now, or null while its action still waits. */
function verdict(
  change: OutboxChange,
  action: HeldAction | undefined,
  now: number,
): { state: OutboxState; detail: string } | null {
  if (action === undefined) {
    return {
      state: 'failed_permanently',
      detail: `held action ${change.heldActionId} is not on record`,
    };
  }
  const status = action.status === 'pending' && action.expiresAt <= now ? 'expired' : action.status;
  const failed = (detail: string) => ({ state: 'failed_permanently' as const, detail });

  switch (status) {
    case 'pending':
    case 'executing':
      return null;
    case 'executed_verified':
      return action.tool === LAST_STEP[change.payload.kind]
        ? { state: 'delivered', detail: `approved ${action.tool} ran and is verified` }
        : // An earlier step was held: the rest of the change still has to be sent.
          { state: 'pending', detail: `approved ${action.tool} ran; sending the rest` };
    case 'executed_unverified':
      return failed(
        `approved ${action.tool} ran but its effect is not observed ` +
          `(${action.outcome?.verification?.detail ?? 'no verification'}); check the ticket`,
      );
    case 'failed':
      return failed(
        `approved ${action.tool} failed: ${action.outcome?.error?.message ?? 'unknown'}`,
      );
    case 'denied':
      return failed(denialOf(action));
    case 'expired':
      return failed(`${action.tool} expired without approval`);
  }
}

/**
 * Settles the outbox rows that wait on a held action, once people have decided on it:
 * delivered when the approved write ran and was verified (pending again when it was an
 * earlier step of the change), failed for good when it was denied, expired, failed or
 * ran without the effect showing. Rows whose action still waits stay held.
 */
export function settleHeldChanges({
  db,
  clock,
  tenantId,
}: {
  db: CasebookDb;
  clock: Clock;
  tenantId?: string;
}): SettledHeldChange[] {
  const outbox = createOutboxStore({ db });
  const settled: SettledHeldChange[] = [];

  for (const change of outbox.list({ tenantId, states: ['held'] })) {
    const now = clock.now();
    const action =
      change.heldActionId === null
        ? undefined
        : loadHeldAction(db, { tenantId: change.tenantId, id: change.heldActionId });
    const next = verdict(change, action, now);
    if (next === null) continue;
    if (action !== undefined) recordApprovedNote(db, change, action, now);

    const lastError = next.state === 'delivered' ? null : next.detail;
    if (outbox.releaseHeld(change.id, { state: next.state, now, lastError })) {
      settled.push({ change, ...next });
    }
  }

  return settled;
}
