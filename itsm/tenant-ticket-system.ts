import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import { knowsCase } from './knows-case.ts';
import { caseOfCorrelationKey, saveTicketLink } from './sync/ticket-links.ts';
import { rememberThrottle, type ThrottleMemory } from './throttle-memory.ts';
import { wrapTicketSystem } from './wrap-ticket-system.ts';

/**
 * A tenant's ticket system as casebook writes through it, from the sync and from an
 * approved held action alike. A ticket a create makes is linked to the case its
 * correlation key names the moment the ITSM answers, before the calls that mark it as
 * casebook's and can still fail, so the next change finishes that ticket instead of
 * opening a second one; and the wait a throttled call asked for is remembered.
 */
export function tenantTicketSystem({
  db,
  tenantId,
  tickets,
  clock,
}: {
  db: CasebookDb;
  tenantId: string;
  tickets: TicketSystem;
  clock: Clock;
}): ThrottleMemory {
  const linked = wrapTicketSystem({
    system: tickets.system,
    inner: () => tickets,
    onCreated: (ref, fields) => {
      const caseId = caseOfCorrelationKey(tenantId, fields.correlationKey);
      if (caseId === undefined || !knowsCase(db, tenantId, caseId)) return;
      saveTicketLink(db, {
        tenantId,
        caseId,
        ref,
        correlationId: fields.correlationKey,
        now: clock.now(),
        ready: false,
      });
    },
  });
  return rememberThrottle({ tickets: linked, clock });
}
