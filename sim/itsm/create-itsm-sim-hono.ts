import { Hono } from 'hono';

import { type Clock, systemClock } from '../../lib/clock.ts';
import {
  createItsmSimControl,
  type ErrorResponder,
  type ItsmRealismOptionsInput,
  type ItsmSimControl,
  itsmRealism,
} from './realism/itsm-realism.ts';
import { callerKey, type SimItsmUser } from './sim-credentials.ts';

/** What an ITSM simulator's handlers know about the request once it has authenticated. */
export type ItsmSimEnv = { Variables: { user: SimItsmUser } };

export interface ItsmSimAppOptions<Store> {
  users: readonly SimItsmUser[];
  store?: Store;
  clock?: Clock;
  realism?: ItsmRealismOptionsInput;
  control?: ItsmSimControl;
  /** Used in the links and Location headers the simulator answers with. */
  origin?: string;
}

/**
 * The part every ITSM simulator shares: a Hono app whose API paths (`apiPath`, such as
 * `/api/*`) pass the realism middlewares first, answering their errors in the product's
 * own error shape, and the options' defaults.
 */
export function createItsmSimHono<Store>({
  options,
  apiPath,
  errorResponse,
}: {
  options: ItsmSimAppOptions<Store>;
  apiPath: string;
  errorResponse: ErrorResponder;
}): { app: Hono<ItsmSimEnv>; clock: Clock; origin: string } {
  const { clock = systemClock, realism, control = createItsmSimControl() } = options;
  const app = new Hono<ItsmSimEnv>();

  for (const handler of itsmRealism({
    options: realism,
    control,
    clock,
    who: callerKey,
    errorResponse,
  })) {
    app.use(apiPath, handler);
  }

  return { app, clock, origin: options.origin ?? 'http://127.0.0.1' };
}
