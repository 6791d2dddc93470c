import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../lib/datasets-root.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { techniqueMappingOf } from './attack/map-techniques.ts';
import { evidenceFromScenarioEvents } from './evidence/evidence-from-scenario-event.ts';
import { iocReportOf } from './iocs/extract-iocs.ts';
import { evidencePackOf } from './packing/pack-evidence.ts';
import {
  iocKey,
  maliciousEventIds,
  techniqueFound,
  techniqueFoundLeniently,
} from './testing/case-fixtures.ts';
import { timelineOf } from './timeline/build-timeline.ts';

const OTRF = join(datasetsRoot(), 'otrf', 'datasets');
const IMPORTER = new URL('../../sim/import/index.ts', import.meta.url).pathname;
const available = existsSync(OTRF) && existsSync(IMPORTER);
if (!available) {
  console.warn(
    `skipping the OTRF recordings suite: ${existsSync(OTRF) ? IMPORTER : OTRF} is absent ` +
      '(set CASEBOOK_DATASETS, or build the importer)',
  );
}

/** Technique recall the rule library reaches over the OTRF set; measured, then kept as a floor. */
const STRICT_RECALL_FLOOR = 0.68;
const LENIENT_RECALL_FLOOR = 0.72;
const IOC_RECALL_FLOOR = 0.8;
/** Confidence from which a mapped technique counts as a claim for precision. */
const CLAIM_CONFIDENCE = 0.5;

interface Outcome {
  status: string;
  path: string;
  scenario?: Scenario;
}

interface Row {
  id: string;
  events: number;
  truth: string[];
  strict: number;
  lenient: number;
  claims: number;
  claimsInTruth: number;
  iocs: number;
  iocsFound: number;
  packTokens: number;
  lineageKept: string;
  badCitations: number;
  rejected: number;
}

describe.skipIf(!available)('analysis of every OTRF recording', () => {
  it('maps, extracts, cites and packs every recording', { timeout: 600_000 }, async () => {
    const importer = (await import(IMPORTER)) as {
      importRecordings(options: { paths: string[] }): AsyncIterable<Outcome>;
    };
    const rows: Row[] = [];

    for await (const outcome of importer.importRecordings({ paths: [OTRF] })) {
      if (outcome.status !== 'imported' || outcome.scenario === undefined) continue;
      const scenario = outcome.scenario;
      const { events, rejected } = evidenceFromScenarioEvents(scenario.events);
      const ids = new Set(events.map((event) => event.id));
      const truth = scenario.groundTruth;

      const mapping = techniqueMappingOf(events);
      const found = mapping.techniques.map((technique) => technique.id);
      const claims = mapping.techniques
        .filter((t) => t.confidence >= CLAIM_CONFIDENCE)
        .map((t) => t.id);
      const iocs = iocReportOf(events);
      const iocValues = new Set(iocs.iocs.map(iocKey));
      const timeline = timelineOf(events);
      const pack = evidencePackOf(events, { threat: scenario.threats[0], budgetTokens: 8000 });
      const needed = maliciousEventIds(events, truth);
      const kept = new Set(pack.keptEventIds);

      const cited = [
        ...mapping.techniques.flatMap((technique) => technique.eventIds),
        ...iocs.iocs.flatMap((ioc) => ioc.eventIds),
        ...timeline.entries.flatMap((entry) => entry.eventIds),
        ...pack.keptEventIds,
      ];
      rows.push({
        id: scenario.id.replace(/^otrf-/, ''),
        events: events.length,
        truth: truth.techniques,
        strict: truth.techniques.filter((id) => techniqueFound(found, id)).length,
        lenient: truth.techniques.filter((id) => techniqueFoundLeniently(found, id)).length,
        claims: claims.length,
        claimsInTruth: claims.filter((claim) =>
          truth.techniques.some((id) => claim === id || claim.split('.')[0] === id.split('.')[0]),
        ).length,
        iocs: truth.iocs.length,
        iocsFound: truth.iocs.filter((ioc) => iocValues.has(iocKey(ioc))).length,
        packTokens: pack.estimatedTokens,
        lineageKept: `${needed.filter((id) => kept.has(id)).length}/${needed.length}`,
        badCitations: cited.filter((id) => !ids.has(id)).length,
        rejected: rejected.length,
      });
    }

    const sum = (key: keyof Row) => rows.reduce((total, row) => total + Number(row[key]), 0);
    const truthCount = rows.reduce((total, row) => total + row.truth.length, 0);
    const strict = sum('strict') / truthCount;
    const lenient = sum('lenient') / truthCount;
    const precision = sum('claimsInTruth') / sum('claims');
    const iocRecall = sum('iocsFound') / sum('iocs');
    console.log(
      [
        'recording                                          events  truth hit(strict/lenient)' +
          ' claims(in truth) iocs  tokens lineage',
        ...rows.map((row) =>
          [
            row.id.slice(0, 50).padEnd(50),
            String(row.events).padStart(6),
            String(row.truth.length).padStart(5),
            `${String(row.strict).padStart(5)}/${row.lenient}`,
            `${String(row.claims).padStart(10)}(${row.claimsInTruth})`,
            `${String(row.iocsFound).padStart(4)}/${row.iocs}`,
            String(row.packTokens).padStart(6),
            row.lineageKept,
          ].join(' '),
        ),
        `recordings ${rows.length}: technique recall ${strict.toFixed(2)} strict, ` +
          `${lenient.toFixed(2)} counting parent techniques; precision of claims ` +
          `(confidence >= ${CLAIM_CONFIDENCE}) ${precision.toFixed(2)}; ` +
          `IOC recall ${iocRecall.toFixed(2)}`,
      ].join('\n'),
    );

    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(rows.filter((row) => row.rejected > 0).map((row) => row.id)).toEqual([]);
    expect(rows.filter((row) => row.badCitations > 0).map((row) => row.id)).toEqual([]);
    expect(rows.filter((row) => row.packTokens > 8000).map((row) => row.id)).toEqual([]);
    expect(strict).toBeGreaterThanOrEqual(STRICT_RECALL_FLOOR);
    expect(lenient).toBeGreaterThanOrEqual(LENIENT_RECALL_FLOOR);
    expect(iocRecall).toBeGreaterThanOrEqual(IOC_RECALL_FLOOR);
  });
});
