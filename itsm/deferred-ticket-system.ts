import type { ItsmSystem } from '../tools/itsm/itsm-api-error.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';

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

  return {
    system,
    resolve,
    find: (correlationKey, signal) => resolve().find(correlationKey, signal),
    get: (ref, signal) => resolve().get(ref, signal),
    create: (fields, signal, onCreated) => resolve().create(fields, signal, onCreated),
    update: (ref, fields, signal) => resolve().update(ref, fields, signal),
    addNote: (ref, note, signal) => resolve().addNote(ref, note, signal),
    listNotes: (ref, signal) => resolve().listNotes(ref, signal),
    transition: (ref, to, signal) => resolve().transition(ref, to, signal),
    checkAccess: (signal) => resolve().checkAccess(signal),
  };
}
