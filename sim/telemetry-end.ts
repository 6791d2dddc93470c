import type { ScenarioInput } from './scenario.ts';

/**
 * Where replayed telemetry ends: the minute after the newest event of the scenarios. Hunts
 * over a local simulator measure "now" from here, so "the last two hours" lands in the
 * recorded attack rather than in an empty present. Undefined when there are no events.
 */
export function telemetryEnd(
  scenarios: readonly Pick<ScenarioInput, 'events'>[],
): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const scenario of scenarios) {
    for (const event of scenario.events) {
      const at = Date.parse(String(event['event.time']));
      if (at > latest) latest = at;
    }
  }
  if (!Number.isFinite(latest)) return undefined;

  return Math.ceil(latest / 60_000) * 60_000 + 60_000;
}
