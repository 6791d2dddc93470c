import type { FirstLook } from '../../agents/schemas/first-look.ts';
import { createRunStore } from '../../agents/store/run-store.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Toolbox } from '../../policy/gate/tool-call-result.ts';
import { queryHeldActions } from '../../policy/held-actions/held-action-store.ts';
import type { TicketRef, TicketStatus } from '../../tools/itsm/ticket-system.ts';
import { CASE_STATUS_WORDS, TICKET_STATUS_FOR } from '../case-status.ts';
import { ITSM_SYNC_AGENT, type ItsmTenant } from '../itsm-tenant.ts';
import type { OutboxChange } from '../outbox/outbox-change.ts';
import { createOutboxStore } from '../outbox/outbox-store.ts';
import { renderTicket } from '../render/render-ticket.ts';
import { type DeliveryOutcome, expectDone, StepStopped } from './delivery-outcome.ts';
import { recordSentTicketNote, sentTicketNoteOf } from './sent-ticket-notes.ts';
import { correlationKeyOf, findTicketLink, linkRef, saveTicketLink } from './ticket-links.ts';

function factsOf(firstLook: FirstLook | undefined) {
  if (firstLook === undefined) return {};
  const { triage } = firstLook;
  return {
    verdict: triage.verdict,
    severity: triage.severity,
    confidence: triage.confidence,
    ...(triage.classification === undefined ? {} : { classification: triage.classification }),
  };
}

/** Writes of this change that people approved and casebook ran: they are not asked again. */
function approvedSteps(db: CasebookDb, change: OutboxChange): Set<string> {
  const ran = queryHeldActions(db, {
    tenantId: change.tenantId,
    caseId: change.caseId,
    statuses: ['executed_verified'],
    runIdPrefix: `itsm:${change.changeId}:`,
  });
  return new Set(ran.map((action) => action.tool));
}

const sameTicket = (a: TicketRef, b: TicketRef) =>
  a.system === b.system && a.id === b.id && a.key === b.key;

/**
 * One attempt at one outbox change, every write through the tenant's policy gate. A
 * status change makes sure the case's ticket exists with the current first look (looked
 * up by correlation key before anything is created), adds a work note once per change,
 * and moves the ticket to match; a note change adds the note once, and never opens a
 * ticket: on a case without one it waits until a status change creates it. A step of
 * the change that was held, approved and run is skipped; a throttled attempt carries
 * the time the ITSM asked casebook to come back.
 */
export async function deliverChange({
  db,
  tenant,
  change,
  clock,
  signal,
}: {
  db: CasebookDb;
  tenant: ItsmTenant;
  change: OutboxChange;
  clock: Clock;
  signal?: AbortSignal;
}): Promise<DeliveryOutcome> {
  const { tenantId, caseId, payload } = change;
  const sync = tenant.settings.sync;
  const firstLook = createRunStore({ db, clock }).latestFirstLook({ tenantId, caseId });
  // A run per attempt: the gate refuses an identical write twice in one run, and a retry
  // must be able to send the same call again.
  const toolbox: Toolbox = tenant.toolbox({
    caseId,
    runId: `itsm:${change.changeId}:${change.attempts + 1}`,
    agentId: ITSM_SYNC_AGENT,
    facts: factsOf(firstLook),
  });
  const call = async (tool: string, input: Record<string, unknown>, reason: string) =>
    expectDone(await toolbox.call({ tool, input, reason, signal }));
  const correlationKey = correlationKeyOf(tenantId, caseId);
  const linked = findTicketLink(db, { tenantId, caseId, system: change.targetSystem });
  if (payload.kind === 'note' && linked === undefined) {
    return {
      state: 'waiting',
      detail:
        `case ${caseId} has no ticket yet; the note is kept in casebook and goes to ` +
        'the ticket once a status change creates one',
    };
  }
  const approved = approvedSteps(db, change);
  tenant.takeRetryNotBefore();

  // The ticket to write to: created or brought up to date with the case, or, when a
  // person approved that write and casebook ran it, looked up by its correlation key.
  // Its status comes along when the step read it, so a transition to where it is
  // already is not asked for (and not held for approval for nothing).
  type Ticket = { ref: TicketRef; status?: TicketStatus };
  const ticketOf = async (known: TicketRef | undefined): Promise<Ticket | undefined> => {
    if (approved.has('create_ticket')) {
      const found = (await call('find_ticket', { correlationKey }, 'the approved ticket')) as {
        ticket: Ticket | null;
      };
      return found.ticket ?? undefined;
    }
    if (payload.kind !== 'status') return known === undefined ? undefined : { ref: known };

    const { status } = payload;
    const ticket = renderTicket({ tenantId, caseId, status, firstLook, sync });
    const output = (await call(
      'create_ticket',
      {
        correlationKey,
        ...ticket,
        ...(known === undefined ? {} : { ref: known }),
        ...(linked?.ready === false ? { unfinished: true } : {}),
      },
      `case ${caseId} was ${CASE_STATUS_WORDS[status]}; its ticket must exist and be current`,
    )) as { ref: TicketRef; status: TicketStatus; created: boolean };
    return output;
  };

  try {
    const known = linked === undefined ? undefined : linkRef(linked);
    const ticket = await ticketOf(known);
    if (ticket === undefined) {
      return { state: 'retry', detail: `the approved ticket of ${correlationKey} is not visible` };
    }
    const { ref } = ticket;
    // Saved when the ticket is new to the link, or when a create linked it before it
    // was marked as casebook's (not ready): the marks are on it now.
    if (known === undefined || !sameTicket(ref, known) || linked?.ready === false) {
      saveTicketLink(db, {
        tenantId,
        caseId,
        ref,
        correlationId: correlationKey,
        now: clock.now(),
      });
      // Notes written while the case had no ticket can go now, after this change.
      createOutboxStore({ db }).releaseWaiting({
        tenantId,
        caseId,
        targetSystem: change.targetSystem,
        now: clock.now(),
      });
    }

    const text =
      payload.kind === 'note'
        ? `Case note from ${payload.by}:\n${payload.text}`
        : [
            `casebook: case ${caseId} ${CASE_STATUS_WORDS[payload.status]} by ${payload.by}.`,
            payload.note === null ? null : `Note: ${payload.note}`,
          ]
            .filter((line) => line !== null)
            .join('\n');
    // Whether this change's note is on the ticket already is casebook's own record of
    // the notes it posted, never text on the ticket, which anyone can write.
    const noteKey = { tenantId, system: ref.system, caseId, changeId: change.changeId };
    if (
      (sync.notesToTicket || payload.kind === 'note') &&
      !approved.has('add_ticket_note') &&
      sentTicketNoteOf(db, noteKey) === undefined
    ) {
      const added = (await call(
        'add_ticket_note',
        {
          ref,
          text,
          internal: sync.noteVisibility === 'internal',
          dedupeKey: `change:${change.changeId}`,
        },
        'keep the ticket’s notes in step with the case',
      )) as { noteId: string };
      recordSentTicketNote(db, { ...noteKey, noteId: added.noteId, now: clock.now() });
    }

    if (payload.kind === 'status' && !approved.has('transition_ticket')) {
      const target = TICKET_STATUS_FOR[payload.status];
      if (ticket.status !== target) {
        await call(
          'transition_ticket',
          { ref, status: target },
          `the case is ${CASE_STATUS_WORDS[payload.status]}`,
        );
      }
    }

    return { state: 'delivered', detail: `${ref.key} is in step with case ${caseId}` };
  } catch (error) {
    if (!(error instanceof StepStopped)) throw error;
    if (error.outcome.state !== 'retry') return error.outcome;
    const notBefore = tenant.takeRetryNotBefore();
    return notBefore === null ? error.outcome : { ...error.outcome, notBefore };
  }
}
