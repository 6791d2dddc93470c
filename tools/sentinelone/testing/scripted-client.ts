import { createManualClock } from '../../../lib/clock.ts';
import { createSentinelOneClient } from '../sentinelone-client.ts';
import { createFakeFetch, type ScriptedReply } from './fake-fetch.ts';

/**
 * A client on a scripted fake console with a manual clock, so retries and polls run
 * instantly; `fake` records every call it made.
 */
export function scriptedClient(
  replies: readonly ScriptedReply[],
  { random }: { random?: () => number } = {},
) {
  const fake = createFakeFetch(...replies);
  const client = createSentinelOneClient({
    baseUrl: 'http://127.0.0.1:4610',
    token: 'sim-token-0123456789',
    fetch: fake.fetch,
    clock: createManualClock(),
    ...(random ? { random } : {}),
  });

  return { client, fake };
}
