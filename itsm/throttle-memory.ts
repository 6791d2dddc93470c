import type { Clock } from '../lib/clock.ts';
import { ItsmApiError } from '../tools/itsm/itsm-api-error.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import { wrapTicketSystem } from './wrap-ticket-system.ts';

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
    tickets: wrapTicketSystem({ system: tickets.system, inner: () => tickets, around: noted }),
    take: () => {
      const taken = notBefore;
      notBefore = null;
      return taken;
    },
  };
}
