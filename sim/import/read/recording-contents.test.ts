import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../import-error.ts';
import { scratchFolder, tarGzBytes, writeBytes, zipBytes } from '../testing/archives.ts';
import { readRecordingContents } from './recording-contents.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('readRecordingContents', () => {
  it('reads the NDJSON entries of a zip and leaves out macOS resource forks', async () => {
    const folder = scratchFolder();
    const path = writeBytes(
      folder,
      'rec.zip',
      zipBytes({ 'rec_2020.json': '{"a":1}\n', '__MACOSX/._rec_2020.json': 'fork', 'x.pcap': 'p' }),
    );

    const contents = await readRecordingContents(path);

    expect(contents.format).toBe('zip');
    expect(contents.parts.map((part) => [part.name, decode(part.bytes)])).toEqual([
      ['rec.zip/rec_2020.json', '{"a":1}\n'],
    ]);
    expect(contents.otherFiles).toEqual(['x.pcap']);
    expect(contents.warnings).toEqual([]);
  });

  it('reads a tar.gz and warns when the archive is cut short', async () => {
    const folder = scratchFolder();
    const whole = tarGzBytes({ 'rec.json': '{"a":1}\n'.repeat(50) });
    const path = writeBytes(folder, 'rec.tar.gz', whole.subarray(0, whole.length - 4));

    const contents = await readRecordingContents(path);

    expect(contents.format).toBe('tar.gz');
    expect(decode(contents.parts[0]?.bytes ?? new Uint8Array())).toBe('{"a":1}\n'.repeat(50));
    expect(contents.warnings).toEqual([
      'rec.tar.gz: archive is truncated; imported the 1 entry it still holds',
    ]);
  });

  it('reads a bare NDJSON file as one part', async () => {
    const path = writeBytes(scratchFolder(), 'events.ndjson', '{"a":1}\n');

    const contents = await readRecordingContents(path);

    expect(contents.format).toBe('ndjson');
    expect(contents.parts.map((part) => part.name)).toEqual(['events.ndjson']);
  });

  it('reads a folder of archives and NDJSON files as one recording', async () => {
    const folder = scratchFolder();
    writeBytes(folder, 'b.json', '{"b":1}\n');
    writeBytes(folder, 'a.zip', zipBytes({ 'inner.json': '{"a":1}\n' }));
    writeBytes(folder, 'notes.txt', 'not a recording');
    mkdirSync(join(folder, 'nested'));

    const contents = await readRecordingContents(folder);

    expect(contents.format).toBe('folder');
    expect(contents.parts.map((part) => part.name)).toEqual(['a.zip/inner.json', 'b.json']);
  });

  it('reports a Zeek archive as holding other files only', async () => {
    const path = writeBytes(
      scratchFolder(),
      'zeek.zip',
      zipBytes({ 'conn.log': '#x', 'dns.log': '#y' }),
    );

    const contents = await readRecordingContents(path);

    expect(contents.parts).toEqual([]);
    expect(contents.otherFiles).toEqual(['conn.log', 'dns.log']);
  });

  it('names the missing path', async () => {
    const path = join(scratchFolder(), 'absent.zip');

    await expect(readRecordingContents(path)).rejects.toMatchObject({
      code: 'IMPORT_SOURCE_NOT_FOUND',
      fault: 'user',
      path,
    });
  });

  it('rejects a file of an unsupported kind', async () => {
    const path = writeBytes(scratchFolder(), 'capture.pcap', 'pcap');

    await expect(readRecordingContents(path)).rejects.toMatchObject({
      code: 'IMPORT_SOURCE_UNSUPPORTED',
      message: expect.stringContaining('expected .zip, .tar.gz, .json/.ndjson or a folder'),
    });
  });

  it('rejects a corrupt zip as corrupt, naming the file', async () => {
    const path = writeBytes(scratchFolder(), 'broken.zip', 'PK this is not a zip');

    const error = await readRecordingContents(path).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'IMPORT_ARCHIVE_CORRUPT', path });
  });
});
