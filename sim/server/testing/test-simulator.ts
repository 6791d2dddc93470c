import { createManualClock } from '../../../lib/clock.ts';
import type { SimUser } from '../../store/identity/sim-users.ts';
import { loadScenario } from '../../store/load-scenario.ts';
import { openSimStore } from '../../store/open-sim-store.ts';
import { SMALL_SCENARIO_INPUT } from '../../store/testing/small-scenario.ts';
import { createSimulatorApp } from '../create-simulator-app.ts';
import type { RealismOptionsInput } from '../realism/realism-options.ts';
import type { SimTimingInput } from '../sim-timing.ts';

export const ALICE: SimUser = {
  id: '1500000000000000001',
  email: 'alice.analyst@example.com',
  fullName: 'Alice Analyst',
};
export const BOB: SimUser = {
  id: '1500000000000000002',
  email: 'bob.responder@example.com',
  fullName: 'Bob Responder',
};
export const ALICE_TOKEN = 'alice-token-0123456789abcdef';
export const BOB_TOKEN = 'bob-token-0123456789abcdef';

export interface TestResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON fields and assert exact values.
  json: any;
  headers: Headers;
  text: string;
}

/** Tests start a day after the scenario's events, on a clock that moves only when told. */
export const TEST_START = Date.UTC(2026, 0, 2, 9, 0, 0);

/**
 * The app over an in-memory store loaded with the small scenario, a manual clock and two
 * users, plus `call` to send authenticated requests the way a client would.
 */
export function createTestSimulator({
  realism,
  timing,
  maxBodyBytes,
}: {
  realism?: RealismOptionsInput;
  timing?: SimTimingInput;
  maxBodyBytes?: number;
} = {}) {
  const clock = createManualClock(TEST_START);
  const store = openSimStore({ clock });
  loadScenario(store, SMALL_SCENARIO_INPUT);
  const app = createSimulatorApp({
    store,
    clock,
    realism,
    timing,
    maxBodyBytes,
    tokens: [
      { token: ALICE_TOKEN, user: ALICE },
      { token: BOB_TOKEN, user: BOB },
    ],
  });

  async function call(
    path: string,
    {
      method = 'GET',
      body,
      token = ALICE_TOKEN,
    }: { method?: string; body?: unknown; token?: string } = {},
  ): Promise<TestResponse> {
    const response = await app.request(`/web/api/v2.1${path}`, {
      method,
      headers: {
        Authorization: `ApiToken ${token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json, headers: response.headers, text };
  }

  return { app, store, clock, call };
}
