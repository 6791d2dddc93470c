import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../lib/datasets-root.ts';
import { type AttackCatalog, loadAttackCatalog } from './attack/attack-catalog.ts';
import { ImportError } from './import-error.ts';
import { importRecording } from './import-recording.ts';
import { DEFAULT_ATTACK_FILE } from './import-recordings.ts';
import { MetadataIndex } from './metadata/metadata-index.ts';
import { fileFormatOf, isResourceFork } from './read/recording-contents.ts';

const SHARED = datasetsRoot();
const OTRF = join(SHARED, 'otrf');
const present = existsSync(OTRF) && existsSync(join(SHARED, DEFAULT_ATTACK_FILE));
if (!present) {
  console.warn(
    `skipping the OTRF Security-Datasets suite: ${OTRF} or the ATT&CK file is absent (set CASEBOOK_DATASETS)`,
  );
}

/** Every recording file of the stored datasets, found without the code under test. */
function recordingsUnder(folder: string): string[] {
  if (!existsSync(folder)) {
    return [];
  }
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && fileFormatOf(entry.name) !== undefined)
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('_metadata') && !isResourceFork(path))
    .sort();
}

const recordings = recordingsUnder(OTRF);
const isNetworkCapture = (path: string) => /zeek|pcap/i.test(path);

describe.skipIf(!present)('OTRF Security-Datasets', () => {
  let attack: AttackCatalog;
  const metadataIndex = new MetadataIndex();
  const importOne = (path: string) =>
    importRecording({ path, attack, datasetsRoot: SHARED, metadataIndex });

  beforeAll(async () => {
    attack = await loadAttackCatalog({ path: join(SHARED, DEFAULT_ATTACK_FILE) });
  });

  it('holds the recordings the suite expects', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(60);
  });

  it.each(
    recordings
      .filter((path) => !isNetworkCapture(path))
      .map((path) => [relative(OTRF, path), path]),
  )('imports %s into a sane scenario', async (_name, path) => {
    const { scenario, summary } = await importOne(path);
    const eventIds = new Set(scenario.events.map((event) => event['event.id']));
    const times = scenario.events.map((event) => String(event['event.time']));

    expect(scenario.agents.length).toBeGreaterThanOrEqual(1);
    expect(scenario.events.length).toBeGreaterThan(0);
    expect(eventIds.size).toBe(scenario.events.length);
    expect(times).toEqual([...times].sort());
    expect(scenario.threats).toHaveLength(1);
    expect(eventIds.has(scenario.threats[0]?.eventId)).toBe(true);
    expect(summary.metadata?.matchedBy).toBe('link');
    expect(scenario.groundTruth.verdict).toBe('true_positive');
    expect(scenario.groundTruth.techniques.length).toBeGreaterThan(0);
    for (const technique of scenario.groundTruth.techniques) {
      expect(attack.technique(technique)?.deprecated, technique).toBe(false);
    }
    expect(summary.techniques.unmapped).toEqual([]);
    expect(scenario.groundTruth.maliciousProcessUids[0]).toBe(
      scenario.groundTruth.rootCauseProcessUid,
    );
  });

  it.each(recordings.filter(isNetworkCapture).map((path) => [relative(OTRF, path), path]))(
    'recognises %s as network data, not host telemetry',
    async (_name, path) => {
      const error = await importOne(path).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ImportError);
      expect(error).toMatchObject({ code: 'IMPORT_NO_EVENT_LOGS' });
    },
  );

  it('lands the bitsadmin threat on the bitsadmin download', async () => {
    const path = join(
      OTRF,
      'datasets/atomic/windows/defense_evasion/host/cmd_bitsadmin_download_psh_script.zip',
    );
    const { scenario, summary } = await importOne(path);
    const threat = scenario.threats[0];
    const event = scenario.events.find((candidate) => candidate['event.id'] === threat?.eventId);

    expect(summary.threat.method).toBe('adversary_view');
    expect(event?.['event.type']).toBe('Process Creation');
    expect(event?.['tgt.process.name']).toBe('bitsadmin.exe');
    expect(threat?.commandLine).toBe(
      'bitsadmin.exe  /transfer /Download /priority Foreground https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md C:\\Users\\wardog\\AppData\\Local\\Temp\\bitsadmin1_flag.ps1',
    );
    expect(threat?.originatorProcess).toBe('cmd.exe');
    expect(scenario.groundTruth.techniques).toEqual(['T1197']);
    expect(scenario.groundTruth.iocs).toContainEqual({
      type: 'url',
      value:
        'https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md',
    });
  });

  it('lands the LSASS comsvcs campaign threat on the MiniDump of LSASS', async () => {
    const path = join(
      OTRF,
      'datasets/compound/LSASS_campaign_03/metasploit_comsvcs_lsass_memory_dump.zip',
    );
    const { scenario } = await importOne(path);
    const threat = scenario.threats[0];
    const root = scenario.events.find(
      (event) =>
        event['event.type'] === 'Process Creation' &&
        event['tgt.process.uid'] === scenario.groundTruth.rootCauseProcessUid,
    );

    expect(threat?.threatName).toBe('rundll32.exe');
    expect(threat?.commandLine).toBe(
      '"C:\\Windows\\System32\\rundll32.exe" C:\\windows\\System32\\comsvcs.dll MiniDump 628 C:\\Windows\\Temp\\lsass-comsvcs.dmp full',
    );
    expect(threat?.classification).toBe('Infostealer');
    expect(root?.['tgt.process.name']).toBe('winx64_payload.exe');
    expect(scenario.groundTruth.severity).toBe('critical');
    expect(scenario.groundTruth.affectedEndpoints).toEqual(['PRD01']);
    expect(scenario.groundTruth.techniques).toContain('T1003.001');
  });

  it('imports the truncated Empire tar.gz recordings and says they are truncated', async () => {
    const path = join(
      OTRF,
      'datasets/atomic/windows/defense_evasion/host/empire_enable_rdp.tar.gz',
    );
    const { scenario, summary } = await importOne(path);

    expect(summary.warnings).toContain(
      'empire_enable_rdp.tar.gz: archive is truncated; imported the 1 entry it still holds',
    );
    expect(scenario.agents.map((agent) => agent.computerName)).toEqual([
      'HFDC01',
      'HR001',
      'IT001',
    ]);
    expect(summary.malformedLines).toBe(0);
  });
});
