import { and, eq, isNotNull } from 'drizzle-orm';

import { caseStatusHistory, cases, ticketLinks } from '../db/schema.ts';
import type { StoreHandle } from '../policy/store-handle.ts';
import { CaseChangeRefused } from './case-change-refused.ts';

/**
 * Whether casebook has seen the case: stored a first look of it (or promoted it from a
 * hunt), recorded a status, or linked a ticket. A run that failed, for a mistyped id the
 * console does not know, leaves a case row without a headline and does not count.
 */
export function knowsCase(store: StoreHandle, tenantId: string, caseId: string): boolean {
  const analysed = store
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId), isNotNull(cases.headline)))
    .get();
  if (analysed !== undefined) return true;
  const statused = store
    .select({ id: caseStatusHistory.id })
    .from(caseStatusHistory)
    .where(and(eq(caseStatusHistory.tenantId, tenantId), eq(caseStatusHistory.caseId, caseId)))
    .get();
  if (statused !== undefined) return true;
  const linked = store
    .select({ id: ticketLinks.externalId })
    .from(ticketLinks)
    .where(and(eq(ticketLinks.tenantId, tenantId), eq(ticketLinks.caseId, caseId)))
    .get();
  return linked !== undefined;
}

/**
 * Refuses a change to a case casebook has never seen: a mistyped id would otherwise
 * reach the ITSM as a ticket for a case nobody analysed.
 */
export function refuseUnknownCase(store: StoreHandle, tenantId: string, caseId: string): void {
  if (!knowsCase(store, tenantId, caseId)) {
    throw new CaseChangeRefused(
      'UNKNOWN_CASE',
      `casebook has no case ${caseId} in tenant ${tenantId}`,
    );
  }
}
