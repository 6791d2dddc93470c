import type { Clock } from '../lib/clock.ts';
import { ItsmApiError } from '../tools/itsm/itsm-api-error.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';

export interface ThrottleMemory {
  /** The same ticket system, noting every Retry-After its failures carry. */
  tickets: TicketSystem;
  /** The latest time the ITSM asked to be left alone until, then forgets it. */
  take(): number | null;
}

/**
 * Remembers the wait a throttled ticket system asked for. The gate turns a failed call
 * into a summary without it, and the outbox must not come back sooner than the ITSM
 * said (an hourly ServiceNow limit asks for far longer than a backoff would wait).
 */
export function rememberThrottle({
  tickets,
  clock,
}: {
  tickets: TicketSystem;
  clock: Clock;
}): ThrottleMemory {
  let notBefore: number | null = null;

  const noted = async <Result>(call: () => Promise<Result>): Promise<Result> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ItsmApiError && error.retryAfterMs !== null) {
        notBefore = Math.max(notBefore ?? 0, clock.now() + error.retryAfterMs);
      }
      throw error;
    }
  };

  return {
    tickets: {
      system: tickets.system,
      find: (key, signal) => noted(() => tickets.find(key, signal)),
      get: (ref, signal) => noted(() => tickets.get(ref, signal)),
      create: (fields, signal, onCreated) => noted(() => tickets.create(fields, signal, onCreated)),
      update: (ref, fields, signal) => noted(() => tickets.update(ref, fields, signal)),
      addNote: (ref, note, signal) => noted(() => tickets.addNote(ref, note, signal)),
      listNotes: (ref, signal) => noted(() => tickets.listNotes(ref, signal)),
      transition: (ref, to, signal) => noted(() => tickets.transition(ref, to, signal)),
      checkAccess: (signal) => noted(() => tickets.checkAccess(signal)),
    },
    take: () => {
      const taken = notBefore;
      notBefore = null;
      return taken;
    },
  };
}
