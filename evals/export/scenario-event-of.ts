import type { ScenarioEvent } from '../../sim/scenario.ts';
import { FIELDS } from '../../tools/s1ql/fields.ts';
import type { DvEvent } from '../../tools/sentinelone/index.ts';

const V2_BY_DV = new Map(FIELDS.map((field) => [field.dv, field.v2]));

/**
 * A Deep Visibility event as the console returns it (camelCase `dv` keys) in the scenario
 * format (dotted S1QL 2.0 keys). Only catalogue fields are kept; the console's legacy
 * aliases (`processName`, `pid`...) repeat them, and agent details come from the agent.
 */
export function scenarioEventOf(event: DvEvent): ScenarioEvent {
  const out: ScenarioEvent = { 'event.id': event.id };
  for (const [key, value] of Object.entries(event)) {
    const v2 = V2_BY_DV.get(key);
    if (v2 === undefined || value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[v2] = value;
    }
  }
  return out;
}
