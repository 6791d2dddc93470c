import { z } from 'zod';

import type { TicketStatus } from '../tools/itsm/ticket-system.ts';

/** What an analyst says about a case that IT's queue should follow. */
export const CaseStatus = z.enum(['resolved', 'it-action', 'reopened']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Where the ticket goes for each case status. */
export const TICKET_STATUS_FOR: Record<CaseStatus, TicketStatus> = {
  resolved: 'resolved',
  'it-action': 'open',
  reopened: 'open',
};

export const CASE_STATUS_WORDS: Record<CaseStatus, string> = {
  resolved: 'resolved',
  'it-action': 'handed to IT for action',
  reopened: 'reopened',
};
