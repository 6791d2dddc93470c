import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../sim/scenario.ts';
import {
  listBuiltinScenarios,
  loadScenarioFile,
} from '../../sim/scenarios/load-builtin-scenarios.ts';
import { techniqueMappingOf } from './attack/map-techniques.ts';
import { evidenceFromScenarioEvents } from './evidence/evidence-from-scenario-event.ts';
import { iocReportOf } from './iocs/extract-iocs.ts';
import { evidencePackOf } from './packing/pack-evidence.ts';
import { processTreeOf } from './process-tree/build-process-tree.ts';
import { inflateCase, iocKey, maliciousEventIds, techniqueFound } from './testing/case-fixtures.ts';
import { timelineOf } from './timeline/build-timeline.ts';

const SCENARIO_DIR = new URL('../../sim/scenarios/', import.meta.url).pathname;

/**
 * Ground-truth techniques the telemetry of a scenario cannot show, with the reason. Any
 * other ground-truth technique must be mapped.
 */
const NOT_IN_TELEMETRY: Readonly<Record<string, readonly string[]>> = {
  // Valid domain accounts: the logons of svc_backup look exactly like legitimate ones.
  'lateral-movement-wmi': ['T1078.002'],
};

const scenarios: Scenario[] = [];
for (const path of existsSync(SCENARIO_DIR)
  ? await listBuiltinScenarios({ dir: SCENARIO_DIR })
  : []) {
  scenarios.push(await loadScenarioFile({ path }));
}
if (scenarios.length === 0) {
  console.warn(`skipping the scenario suite: no scenarios in ${SCENARIO_DIR}`);
}

describe.skipIf(scenarios.length === 0)('analysis of the hand-written scenarios', () => {
  describe.each(scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s',
    (_id, scenario) => {
      const { events, rejected } = evidenceFromScenarioEvents(scenario.events);
      const ids = new Set(events.map((event) => event.id));
      const truth = scenario.groundTruth;

      it('converts every event', () => {
        expect(rejected).toEqual([]);
      });

      it('maps every ground-truth technique the telemetry shows', () => {
        const found = techniqueMappingOf(events).techniques.map((technique) => technique.id);
        const expected = truth.techniques.filter(
          (id) => !(NOT_IN_TELEMETRY[scenario.id] ?? []).includes(id),
        );

        expect(expected.filter((id) => !techniqueFound(found, id))).toEqual([]);
      });

      it('finds every ground-truth IOC', () => {
        const found = new Set(iocReportOf(events).iocs.map(iocKey));

        expect(truth.iocs.filter((ioc) => !found.has(iocKey(ioc)))).toEqual([]);
      });

      it('cites only events of the case', () => {
        const mapping = techniqueMappingOf(events);
        const cited = [
          ...timelineOf(events).entries.flatMap((entry) => entry.eventIds),
          ...timelineOf(events).folded.flatMap((entry) => entry.eventIds),
          ...processTreeOf(events).processes.flatMap((process) => [
            ...(process.createdByEventId === undefined ? [] : [process.createdByEventId]),
            ...[process.filesWritten, process.registryChanges, process.network, process.dns]
              .flat()
              .flatMap((activity) => activity.eventIds),
          ]),
          ...iocReportOf(events).iocs.flatMap((ioc) => ioc.eventIds),
          ...mapping.techniques.flatMap((technique) => technique.eventIds),
          ...evidencePackOf(events, { threat: scenario.threats[0] }).keptEventIds,
        ];

        expect(cited.length).toBeGreaterThan(0);
        expect(cited.filter((id) => !ids.has(id))).toEqual([]);
      });

      it('packs a 5,000-event version under 8,000 tokens keeping every malicious event', () => {
        const needed = maliciousEventIds(events, truth);
        const big = inflateCase(events, new Set(needed), 5000);

        const pack = evidencePackOf(big, { threat: scenario.threats[0], budgetTokens: 8000 });

        expect(big).toHaveLength(5000);
        expect(pack.estimatedTokens).toBeLessThanOrEqual(8000);
        const kept = new Set(pack.keptEventIds);
        expect(needed.filter((id) => !kept.has(id))).toEqual([]);
        expect(pack.keptEventIds.filter((id) => !big.some((event) => event.id === id))).toEqual([]);
      });
    },
  );
});
