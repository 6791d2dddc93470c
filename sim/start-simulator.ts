import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Clock, systemClock } from '../lib/clock.ts';
import { type Logger, silentLogger } from '../lib/logger.ts';
import type { ScenarioInput } from './scenario.ts';
import { createSimulatorApp } from './server/create-simulator-app.ts';
import type { RealismOptionsInput } from './server/realism/realism-options.ts';
import type { SimTimingInput } from './server/sim-timing.ts';
import type { SimUser } from './store/identity/sim-users.ts';
import { stableId } from './store/identity/stable-id.ts';
import { type LoadScenarioResult, loadScenario } from './store/load-scenario.ts';
import { openSimStore, type SimStore } from './store/open-sim-store.ts';

/** The user the generated (or given) token belongs to. */
export const DEFAULT_SIM_USER: SimUser = {
  id: stableId('user', 'analyst@casebook.local'),
  email: 'analyst@casebook.local',
  fullName: 'Casebook Analyst',
};

export interface RunningSimulator {
  /** Origin to use as the console URL, e.g. `http://127.0.0.1:4610`. */
  url: string;
  port: number;
  token: string;
  store: SimStore;
  loaded: LoadScenarioResult[];
  close(): Promise<void>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A random token shaped like a console JWT (`eyJ...`), with the claim names real tokens
 * carry, so clients that peek at the shape see what they would see in production. It is
 * not signed; the simulator only compares it.
 */
export function generateSimToken({ email, now }: { email: string; now: number }): string {
  const issuedAt = Math.floor(now / 1000);
  const header = base64url({ kid: 'casebook-sim', alg: 'ES256' });
  const claims = base64url({
    sub: email,
    iss: 'casebook-sim',
    deployment_id: 'casebook-sim',
    type: 'user',
    iat: issuedAt,
    exp: issuedAt + 365 * 86_400,
    jti: randomBytes(16).toString('hex'),
  });
  return `${header}.${claims}.${randomBytes(48).toString('base64url')}`;
}

/**
 * Opens the store, loads the scenarios and serves the simulator on `host:port` (port 0
 * picks a free one). `close()` ends held responses, closes open connections, stops the
 * server and closes the store.
 */
export async function startSimulator({
  port = 0,
  host = '127.0.0.1',
  token,
  user = DEFAULT_SIM_USER,
  scenarios = [],
  storePath = ':memory:',
  realism,
  timing,
  clock = systemClock,
  logger = silentLogger,
}: {
  port?: number;
  host?: string;
  token?: string;
  user?: SimUser;
  scenarios?: readonly ScenarioInput[];
  storePath?: string;
  realism?: RealismOptionsInput;
  timing?: SimTimingInput;
  clock?: Clock;
  logger?: Logger;
} = {}): Promise<RunningSimulator> {
  const store = openSimStore({ path: storePath, clock });
  const shutdown = new AbortController();
  try {
    const loaded = scenarios.map((scenario) => loadScenario(store, scenario));
    const apiToken = token ?? generateSimToken({ email: user.email, now: clock.now() });
    const app = createSimulatorApp({
      store,
      clock,
      tokens: [{ token: apiToken, user }],
      realism,
      timing,
      logger,
      signal: shutdown.signal,
    });

    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
      started.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    logger.info({ url, scenarios: loaded.length }, 'simulator: listening');

    return {
      url,
      port: address.port,
      token: apiToken,
      store,
      loaded,
      close: async () => {
        shutdown.abort(new Error('simulator shutting down'));
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error === undefined ? resolve() : reject(error)));
          if ('closeAllConnections' in server) {
            server.closeAllConnections();
          }
        });
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
