import type { ItsmSystem } from '../tools/itsm/itsm-api-error.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import { wrapTicketSystem } from './wrap-ticket-system.ts';

export interface DeferredTicketSystem extends TicketSystem {
  /** Opens the real system now (reading its credential); later calls reuse it. */
  resolve(): TicketSystem;
}

/**
 * A ticket system that is opened on its first call, not when it is built: listing or
 * denying held actions never reads the ITSM credential, and only an approval that has
 * to run a ticket action does.
 */
export function deferTicketSystem({
  system,
  open,
}: {
  system: ItsmSystem;
  open: () => TicketSystem;
}): DeferredTicketSystem {
  let opened: TicketSystem | undefined;
  const resolve = (): TicketSystem => {
    opened ??= open();
    return opened;
  };

  return { ...wrapTicketSystem({ system, inner: resolve }), resolve };
}
