import { createManualClock } from '../../lib/clock.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { RealismOptionsInput } from '../../sim/server/realism/realism-options.ts';
import { startSimulator } from '../../sim/start-simulator.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import { sentinelOneCapabilities } from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { SENTINELONE_TOOLS } from '../../tools/sentinelone/tools/sentinelone-tools.ts';
import type { Policy } from '../rules/policy-file.ts';
import { createPolicyHarness } from './policy-harness.ts';
import { POLICY_SCENARIO_INPUT } from './policy-scenario.ts';

/**
 * The real thing on loopback: the simulator on a free port, the typed client over HTTP,
 * the SentinelOne tools behind the gate. Simulator, client and verification share one
 * manual clock, so an isolation's `disconnecting -> disconnected` delay passes exactly
 * when verification waits for it, and no test sleeps.
 */
export async function startSentinelOneHarness({
  policy,
  realism,
  scenarios = [POLICY_SCENARIO_INPUT],
}: {
  policy: Policy;
  realism?: RealismOptionsInput;
  scenarios?: readonly ScenarioInput[];
}) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const sim = await startSimulator({
    port: 0,
    scenarios,
    realism,
    clock,
    timing: { networkChangeMs: 3_000, dvQueryRunningMs: 1_500 },
  });
  const client = createSentinelOneClient({
    baseUrl: sim.url,
    token: sim.token,
    clock,
    maxRetries: 0,
  });
  const harness = createPolicyHarness({
    tools: SENTINELONE_TOOLS,
    capabilities: sentinelOneCapabilities(client),
    policy,
    clock,
    timing: { timeoutMs: 20_000, pollMs: 1_000 },
  });

  return {
    ...harness,
    sim,
    client,
    /** Every write the console recorded, oldest first. */
    consoleActivities: async () => {
      const items = [];
      for await (const page of client.iterateActivities({ limit: 1000 })) items.push(...page.items);
      return items.sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      );
    },
    close: async () => {
      harness.close();
      await sim.close();
    },
  };
}
