import type { ItsmSystem } from '../tools/itsm/itsm-api-error.ts';
import type { TicketFields, TicketRef, TicketSystem } from '../tools/itsm/ticket-system.ts';

/**
 * A ticket system that forwards every call to `inner()`, looked up per call so it can
 * be opened late, through `around` (default: the call as is). `onCreated` is told each
 * ticket a create makes the moment the system has it, before the caller's own callback.
 */
export function wrapTicketSystem({
  system,
  inner,
  around = (call) => call(),
  onCreated,
}: {
  system: ItsmSystem;
  inner: () => TicketSystem;
  around?: <Result>(call: () => Promise<Result>) => Promise<Result>;
  onCreated?: (ref: TicketRef, fields: TicketFields) => void;
}): TicketSystem {
  return {
    system,
    find: (key, signal) => around(() => inner().find(key, signal)),
    get: (ref, signal) => around(() => inner().get(ref, signal)),
    create: (fields, signal, created) =>
      around(() =>
        inner().create(fields, signal, (ref) => {
          onCreated?.(ref, fields);
          created?.(ref);
        }),
      ),
    update: (ref, fields, signal) => around(() => inner().update(ref, fields, signal)),
    addNote: (ref, note, signal) => around(() => inner().addNote(ref, note, signal)),
    listNotes: (ref, signal) => around(() => inner().listNotes(ref, signal)),
    transition: (ref, to, signal) => around(() => inner().transition(ref, to, signal)),
    checkAccess: (signal) => around(() => inner().checkAccess(signal)),
  };
}
