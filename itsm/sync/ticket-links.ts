import { and, eq } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { type TicketLinkRow, ticketLinks } from '../../db/schema.ts';
import type { TicketRef } from '../../tools/itsm/ticket-system.ts';

/** casebook's own record of which ticket belongs to which case. */
export function findTicketLink(
  db: CasebookDb,
  where: { tenantId: string; caseId: string; system: string },
): TicketLinkRow | undefined {
  return db
    .select()
    .from(ticketLinks)
    .where(
      and(
        eq(ticketLinks.tenantId, where.tenantId),
        eq(ticketLinks.caseId, where.caseId),
        eq(ticketLinks.system, where.system),
      ),
    )
    .get();
}

/**
 * Records the ticket of a case. `ready: false` when casebook has just created it and
 * has not yet put its correlation marks on it, so a retry finishes that very ticket.
 */
export function saveTicketLink(
  db: CasebookDb,
  link: {
    tenantId: string;
    caseId: string;
    ref: TicketRef;
    correlationId: string;
    now: number;
    ready?: boolean;
  },
): void {
  const ready = link.ready ?? true;
  db.insert(ticketLinks)
    .values({
      tenantId: link.tenantId,
      caseId: link.caseId,
      system: link.ref.system,
      externalId: link.ref.id,
      externalKey: link.ref.key,
      correlationId: link.correlationId,
      ready,
      createdAt: link.now,
      updatedAt: link.now,
    })
    .onConflictDoUpdate({
      target: [ticketLinks.tenantId, ticketLinks.caseId, ticketLinks.system],
      set: { externalId: link.ref.id, externalKey: link.ref.key, ready, updatedAt: link.now },
    })
    .run();
}

export function linkRef(row: TicketLinkRow): TicketRef {
  return { system: row.system as TicketRef['system'], id: row.externalId, key: row.externalKey };
}

/** The correlation key of a case: deterministic, so every retry names the same ticket. */
export function correlationKeyOf(tenantId: string, caseId: string): string {
  return `casebook:${tenantId}:${caseId}`.replace(/[^A-Za-z0-9:._-]/g, '-');
}

/**
 * The case a correlation key names for the tenant, or undefined when it names none of
 * its cases: a key of another tenant, or one no case id gives back unchanged.
 */
export function caseOfCorrelationKey(tenantId: string, correlationKey: string): string | undefined {
  const prefix = correlationKeyOf(tenantId, '');
  if (!correlationKey.startsWith(prefix)) return undefined;
  const caseId = correlationKey.slice(prefix.length);
  return caseId !== '' && correlationKeyOf(tenantId, caseId) === correlationKey
    ? caseId
    : undefined;
}
