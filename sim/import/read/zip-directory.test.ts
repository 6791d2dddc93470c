import { describe, expect, it } from 'vitest';
import { zipBytes } from '../testing/archives.ts';
import { compressedDataOf, readZipDirectory, ZipFormatError } from './zip-directory.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const MARK = 0xffffffff;

/**
 * A one-entry stored zip whose sizes and offsets all sit in zip64 records, as writers
 * do for archives past 4 GiB; fflate cannot write one, so it is laid out by hand.
 */
function zip64Archive(name: string, text: string): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const data = new TextEncoder().encode(text);
  const local = 30 + nameBytes.length;
  const directoryStart = local + data.length;
  const directoryLength = 46 + nameBytes.length + 28;
  const zip64End = directoryStart + directoryLength;
  const archive = new Uint8Array(zip64End + 56 + 20 + 22);
  const view = new DataView(archive.buffer);

  view.setUint32(0, 0x04034b50, true);
  view.setUint16(26, nameBytes.length, true);
  archive.set(nameBytes, 30);
  archive.set(data, local);

  const at = directoryStart;
  view.setUint32(at, 0x02014b50, true);
  view.setUint16(at + 8, 0x0800, true);
  view.setUint32(at + 20, MARK, true);
  view.setUint32(at + 24, MARK, true);
  view.setUint16(at + 28, nameBytes.length, true);
  view.setUint16(at + 30, 28, true);
  view.setUint32(at + 42, MARK, true);
  archive.set(nameBytes, at + 46);
  const extra = at + 46 + nameBytes.length;
  view.setUint16(extra, 0x0001, true);
  view.setUint16(extra + 2, 24, true);
  view.setBigUint64(extra + 4, BigInt(data.length), true);
  view.setBigUint64(extra + 12, BigInt(data.length), true);
  view.setBigUint64(extra + 20, 0n, true);

  view.setUint32(zip64End, 0x06064b50, true);
  view.setBigUint64(zip64End + 4, 44n, true);
  view.setBigUint64(zip64End + 24, 1n, true);
  view.setBigUint64(zip64End + 32, 1n, true);
  view.setBigUint64(zip64End + 40, BigInt(directoryLength), true);
  view.setBigUint64(zip64End + 48, BigInt(directoryStart), true);
  const locator = zip64End + 56;
  view.setUint32(locator, 0x07064b50, true);
  view.setBigUint64(locator + 8, BigInt(zip64End), true);
  view.setUint32(locator + 16, 1, true);
  const end = locator + 20;
  view.setUint32(end, 0x06054b50, true);
  view.setUint16(end + 8, 0xffff, true);
  view.setUint16(end + 10, 0xffff, true);
  view.setUint32(end + 12, MARK, true);
  view.setUint32(end + 16, MARK, true);
  return archive;
}

describe('readZipDirectory', () => {
  it('lists every entry with its method and both sizes', () => {
    const zip = zipBytes({ 'a.json': '{"a":1}\n'.repeat(100), 'dir/b.txt': 'b' });

    const entries = readZipDirectory(zip);

    expect(entries.map(({ name, originalSize }) => [name, originalSize])).toEqual([
      ['a.json', 800],
      ['dir/b.txt', 1],
    ]);
    expect(entries[0]?.method).toBe(8);
    expect(entries[0]?.compressedSize).toBeLessThan(800);
  });

  it('reads sizes and offsets from zip64 records', () => {
    const zip = zip64Archive('big.json', '{"a":1}');

    const [entry] = readZipDirectory(zip);
    if (entry === undefined) {
      throw new Error('the zip64 archive lists no entry');
    }

    expect(entry).toEqual({
      name: 'big.json',
      method: 0,
      compressedSize: 7,
      originalSize: 7,
      headerOffset: 0,
    });
    expect(decode(compressedDataOf(zip, entry))).toBe('{"a":1}');
  });

  it('rejects an archive cut short, whose end record is gone', () => {
    const zip = zipBytes({ 'a.json': '{"a":1}\n'.repeat(100) });

    expect(() => readZipDirectory(zip.subarray(0, zip.length - 30))).toThrow(ZipFormatError);
  });

  it('rejects a directory that points past the end of the archive', () => {
    const zip = zipBytes({ 'a.json': '{}' });
    const view = new DataView(zip.buffer, zip.byteOffset);
    view.setUint32(zip.length - 6, zip.length + 100, true);

    expect(() => readZipDirectory(zip)).toThrow(/archive ends before byte/);
  });
});
