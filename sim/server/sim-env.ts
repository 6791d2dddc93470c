import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SimUser } from '../store/identity/sim-users.ts';
import type { SimStore } from '../store/open-sim-store.ts';
import type { CursorCodec } from './cursor-codec.ts';
import type { RealismOptions } from './realism/realism-options.ts';
import type { SimTiming } from './sim-timing.ts';

/** What middleware hands to routes: the authenticated user and their token. */
export type SimEnv = { Variables: { user: SimUser; token: string } };

/** What every route module needs from the app. */
export interface SimDeps {
  store: SimStore;
  clock: Clock;
  logger: Logger;
  codec: CursorCodec;
  timing: SimTiming;
  realism: RealismOptions;
}
