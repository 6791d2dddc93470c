import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../import-error.ts';
import { scratchFolder, tarBytes, tarGzBytes, writeBytes, zipBytes } from '../testing/archives.ts';
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

  it('drops an entry whose data the archive cuts off, and says so', async () => {
    const folder = scratchFolder();
    const whole = tarBytes({ 'a.json': '{"a":1}\n', 'b.json': '{"b":2}\n'.repeat(200) });
    const path = writeBytes(folder, 'rec.tar.gz', gzipSync(whole.subarray(0, 512 * 3 + 100)));

    const contents = await readRecordingContents(path);

    expect(contents.parts.map((part) => [part.name, decode(part.bytes)])).toEqual([
      ['rec.tar.gz/a.json', '{"a":1}\n'],
    ]);
    expect(contents.warnings).toEqual([
      'rec.tar.gz: archive is truncated; dropped b.json, whose data is cut off, ' +
        'and imported the 1 entry it still holds whole',
    ]);
  });

  it('refuses a truncated tar.gz that holds no whole event log', async () => {
    const folder = scratchFolder();
    const lines = Array.from({ length: 5000 }, (_, line) => `{"line":${line}}\n`);
    const whole = tarGzBytes({ 'rec.json': lines.join('') });
    const path = writeBytes(folder, 'rec.tar.gz', whole.subarray(0, whole.length / 2));

    await expect(readRecordingContents(path)).rejects.toMatchObject({
      code: 'IMPORT_ARCHIVE_TRUNCATED',
      fault: 'user',
      path,
      message: expect.stringMatching(/rec\.tar\.gz is truncated.*rec\.json.*cut off/),
    });
  });

  it('refuses a gzip bomb, naming the file and the limit', async () => {
    const bomb = gzipSync(tarBytes({ 'rec.json': ' '.repeat(4 * 1024 * 1024) }), { level: 1 });
    const path = writeBytes(scratchFolder(), 'bomb.tar.gz', bomb);

    await expect(
      readRecordingContents(path, { maxDecompressedBytes: 64 * 1024 }),
    ).rejects.toMatchObject({
      code: 'IMPORT_ARCHIVE_TOO_LARGE',
      fault: 'user',
      path,
      message: expect.stringMatching(/bomb\.tar\.gz.* more than 64 KiB \(65536 bytes\)/),
    });
  });

  it('refuses a zip bomb, naming the file and the limit', async () => {
    const path = writeBytes(
      scratchFolder(),
      'bomb.zip',
      zipBytes({ 'rec.json': ' '.repeat(4 * 1024 * 1024) }),
    );

    await expect(
      readRecordingContents(path, { maxDecompressedBytes: 64 * 1024 }),
    ).rejects.toMatchObject({
      code: 'IMPORT_ARCHIVE_TOO_LARGE',
      fault: 'user',
      path,
      message: expect.stringMatching(/bomb\.zip.* more than 64 KiB \(65536 bytes\)/),
    });
  });

  it('counts the archives of a folder against one limit', async () => {
    const folder = scratchFolder();
    const text = '{"a":1}\n'.repeat(5000);
    writeBytes(folder, 'a.zip', zipBytes({ 'a.json': text }));
    writeBytes(folder, 'b.tar.gz', tarGzBytes({ 'b.json': text }));

    await expect(
      readRecordingContents(folder, { maxDecompressedBytes: 50_000 }),
    ).rejects.toMatchObject({ code: 'IMPORT_ARCHIVE_TOO_LARGE', path: join(folder, 'b.tar.gz') });
    expect(
      (await readRecordingContents(folder, { maxDecompressedBytes: 100_000 })).parts,
    ).toHaveLength(2);
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
