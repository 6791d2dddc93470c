import type { TicketDocument } from './document/ticket-document.ts';
import type { ItsmSystem } from './itsm-api-error.ts';

/** Where a ticket stands, in words both systems share. */
export type TicketStatus = 'open' | 'in_progress' | 'resolved';

/** A ticket: `id` for API calls (sys_id, issue id), `key` for people (INC…, SEC-12). */
export interface TicketRef {
  system: ItsmSystem;
  id: string;
  key: string;
}

export interface TicketFields {
  /** Deterministic per case; how a retry finds the ticket it already made. */
  correlationKey: string;
  summary: string;
  document: TicketDocument;
  /** 1 high, 2 medium, 3 low, as ServiceNow counts. */
  impact: 1 | 2 | 3;
  urgency: 1 | 2 | 3;
}

export interface TicketSnapshot {
  ref: TicketRef;
  summary: string;
  status: TicketStatus;
  /** The system's own status label or code, e.g. `6` or `Done`. */
  rawStatus: string;
  correlationKey: string | null;
  priority: string | null;
}

export interface TicketNote {
  id: string;
  author: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** A work note (ServiceNow) or an internal comment, as opposed to a customer-visible one. */
  internal: boolean;
}

/**
 * Told the new ticket's ref the moment the system has it, before the calls that mark
 * it as casebook's (labels, issue property) and can still fail: whoever records it
 * then lets a retry finish that ticket instead of creating a second one.
 */
export type OnTicketCreated = (ref: TicketRef) => void;

export interface AccessCheck {
  check: 'auth' | 'read' | 'create';
  outcome: 'passed' | 'failed' | 'not_checked';
  detail: string;
}

/**
 * One ticketing system behind casebook's ticket tools. Every method is safe to repeat
 * after a failure except `create` and `addNote`, which callers guard by looking first.
 */
export interface TicketSystem {
  readonly system: ItsmSystem;
  find(correlationKey: string, signal?: AbortSignal): Promise<TicketSnapshot | null>;
  get(ref: TicketRef, signal?: AbortSignal): Promise<TicketSnapshot | null>;
  create(
    fields: TicketFields,
    signal?: AbortSignal,
    onCreated?: OnTicketCreated,
  ): Promise<TicketSnapshot>;
  update(ref: TicketRef, fields: TicketFields, signal?: AbortSignal): Promise<TicketSnapshot>;
  addNote(
    ref: TicketRef,
    note: { text: string; internal: boolean },
    signal?: AbortSignal,
  ): Promise<{ id: string }>;
  listNotes(ref: TicketRef, signal?: AbortSignal): Promise<TicketNote[]>;
  /** Moves the ticket to the status (a no-op when it is there already). */
  transition(ref: TicketRef, to: TicketStatus, signal?: AbortSignal): Promise<TicketSnapshot>;
  /** Checks credentials and permissions without creating anything where the API allows. */
  checkAccess(signal?: AbortSignal): Promise<AccessCheck[]>;
}
