import { describe, expect, it } from 'vitest';
import { zipBytes } from '../testing/archives.ts';
import { DecompressionLimitError } from './decompression-limit.ts';
import { ZipFormatError } from './zip-directory.ts';
import { readZipEntries } from './zip-entries.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const maxBytes = 64 * 1024;
const acceptJson = (name: string) => name.endsWith('.json');

/** Rewrites the uncompressed size the central directory states for every entry. */
function declaringSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset + 46 <= copy.length; offset += 1) {
    if (view.getUint32(offset, true) === 0x02014b50) {
      view.setUint32(offset + 24, size, true);
    }
  }
  return copy;
}

describe('readZipEntries', () => {
  it('inflates the accepted entries in name order and lists the rejected ones', () => {
    const zip = zipBytes({
      'b.json': '{"b":1}\n',
      'a.json': '{"a":1}\n',
      'x.pcap': 'p',
      'd/': '-',
    });

    const { entries, rejected } = readZipEntries(zip, { accept: acceptJson, maxBytes });

    expect(entries.map((entry) => [entry.name, decode(entry.data)])).toEqual([
      ['a.json', '{"a":1}\n'],
      ['b.json', '{"b":1}\n'],
    ]);
    expect(rejected).toEqual(['x.pcap']);
  });

  it('refuses entries whose declared sizes pass maxBytes, before inflating any', () => {
    const zip = zipBytes({ 'a.json': 'x'.repeat(40_000), 'b.json': 'y'.repeat(40_000) });

    expect(() => readZipEntries(zip, { accept: acceptJson, maxBytes })).toThrow(
      DecompressionLimitError,
    );
  });

  it('does not count rejected entries against maxBytes', () => {
    const zip = zipBytes({ 'a.json': '{}', 'capture.pcap': 'p'.repeat(2 * maxBytes) });

    const { entries } = readZipEntries(zip, { accept: acceptJson, maxBytes });

    expect(entries.map((entry) => entry.name)).toEqual(['a.json']);
  });

  it('stops inflating an entry that outgrows the size its header declares', () => {
    const zip = declaringSize(zipBytes({ 'bomb.json': '0'.repeat(16 * maxBytes) }), 100);

    expect(() => readZipEntries(zip, { accept: acceptJson, maxBytes })).toThrow(
      /bomb\.json inflates to more than the 100 bytes its header declares/,
    );
  });

  it('rejects an entry that inflates to less than its header declares', () => {
    const zip = declaringSize(zipBytes({ 'short.json': 'abc' }), 10);

    expect(() => readZipEntries(zip, { accept: acceptJson, maxBytes })).toThrow(ZipFormatError);
  });

  it('rejects bytes that are not a zip', () => {
    const bytes = new TextEncoder().encode('PK this is not a zip');

    expect(() => readZipEntries(bytes, { accept: acceptJson, maxBytes })).toThrow(ZipFormatError);
  });
});
