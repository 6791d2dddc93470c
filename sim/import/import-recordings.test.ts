import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTACK_FILE, type ImportOutcome, importRecordings } from './import-recordings.ts';
import { tarGzBytes, writeBytes, zipBytes } from './testing/archives.ts';
import { phishingRecords, writeSampleLayout } from './testing/sample-recording.ts';
import { ndjson } from './testing/windows-events.ts';

async function collect(iterable: AsyncIterable<ImportOutcome>) {
  const outcomes: ImportOutcome[] = [];
  for await (const outcome of iterable) {
    outcomes.push(outcome);
  }
  return outcomes;
}

describe('importRecordings', () => {
  it('imports every recording under a folder and reports the rest as data', async () => {
    const { datasetsRoot, hostFolder } = writeSampleLayout();
    writeBytes(
      hostFolder,
      'second.tar.gz',
      tarGzBytes({ 'second.json': ndjson(phishingRecords()) }),
    );
    writeBytes(hostFolder, 'zeek_logs.zip', zipBytes({ 'conn.log': '#fields' }));
    writeBytes(hostFolder, 'broken.zip', 'not a zip');

    const outcomes = await collect(importRecordings({ paths: [datasetsRoot], datasetsRoot }));

    expect(
      outcomes.map((outcome) => [outcome.path.slice(hostFolder.length + 1), outcome.status]),
    ).toEqual([
      ['broken.zip', 'failed'],
      ['phish.zip', 'imported'],
      ['second.tar.gz', 'imported'],
      ['zeek_logs.zip', 'skipped'],
    ]);
    const failed = outcomes[0];
    expect(failed?.status === 'failed' ? failed.error.code : undefined).toBe(
      'IMPORT_ARCHIVE_CORRUPT',
    );
  });

  it('yields each recording before reading the next', async () => {
    const { datasetsRoot, hostFolder } = writeSampleLayout();
    writeBytes(hostFolder, 'z_second.zip', zipBytes({ 'z.json': ndjson(phishingRecords()) }));
    const generator = importRecordings({ paths: [hostFolder], datasetsRoot });

    const first = await generator.next();
    writeBytes(hostFolder, 'z_second.zip', 'replaced before it was read');
    const second = await generator.next();

    expect(first.value?.status).toBe('imported');
    expect(second.value?.status).toBe('failed');
  });

  it('loads the ATT&CK catalogue from the datasets folder when none is given', async () => {
    const { datasetsRoot, recordingPath } = writeSampleLayout();
    mkdirSync(join(datasetsRoot, 'attack'));
    writeBytes(
      datasetsRoot,
      DEFAULT_ATTACK_FILE,
      JSON.stringify({
        source: 'mini v18.1',
        tactics: [],
        techniques: [
          {
            id: 'T1204.002',
            name: 'Malicious File',
            tactics: ['TA0002'],
            deprecated: false,
            subtechnique: true,
          },
        ],
      }),
    );

    const [outcome] = await collect(importRecordings({ paths: [recordingPath], datasetsRoot }));

    expect(outcome?.status).toBe('imported');
    if (outcome?.status === 'imported') {
      expect(outcome.scenario.groundTruth.techniques).toEqual(['T1204.002']);
      expect(outcome.summary.techniques.unmapped).toEqual(['T1086', 'T1547.001']);
    }
  });

  it('reports an archive past the decompression limit as failed, importing the rest', async () => {
    const { datasetsRoot, hostFolder } = writeSampleLayout();
    const padding = ' '.repeat(1024 * 1024);
    writeBytes(hostFolder, 'bomb.tar.gz', tarGzBytes({ 'bomb.json': padding }));

    const outcomes = await collect(
      importRecordings({ paths: [hostFolder], datasetsRoot, maxDecompressedBytes: 512 * 1024 }),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'imported']);
    const failed = outcomes[0];
    expect(failed?.status === 'failed' ? failed.error.code : undefined).toBe(
      'IMPORT_ARCHIVE_TOO_LARGE',
    );
  });

  it('throws when a named path does not exist', async () => {
    await expect(
      collect(importRecordings({ paths: ['/nonexistent/recordings'] })),
    ).rejects.toMatchObject({
      code: 'IMPORT_SOURCE_NOT_FOUND',
    });
  });
});
