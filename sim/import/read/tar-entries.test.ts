import { describe, expect, it } from 'vitest';
import { tarBytes } from '../testing/archives.ts';
import { readTarEntries, TarFormatError } from './tar-entries.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('readTarEntries', () => {
  it('reads the name and content of every regular file', () => {
    const archive = tarBytes({ 'a.json': '{"x":1}\n', 'dir/b.json': 'second' });

    const { entries, truncated, cutEntry } = readTarEntries(archive);

    expect(truncated).toBe(false);
    expect(cutEntry).toBeUndefined();
    expect(entries.map((entry) => [entry.name, decode(entry.data)])).toEqual([
      ['a.json', '{"x":1}\n'],
      ['dir/b.json', 'second'],
    ]);
  });

  it('joins the ustar prefix to long names', () => {
    const long = `${'folder/'.repeat(20)}recording.json`;

    const { entries } = readTarEntries(tarBytes({ [long]: 'data' }));

    expect(entries[0]?.name).toBe(long);
  });

  it('keeps the whole entries of a truncated archive and names the one cut off', () => {
    const archive = tarBytes({ 'a.json': 'first', 'b.json': 'x'.repeat(2000) });

    const { entries, truncated, cutEntry } = readTarEntries(archive.subarray(0, 512 * 3 + 100));

    expect(truncated).toBe(true);
    const kept = entries.map((entry) => [entry.name, decode(entry.data)]);
    expect(kept).toEqual([['a.json', 'first']]);
    expect(cutEntry).toBe('b.json');
  });

  it('keeps an entry whose data is whole though its padding is cut off', () => {
    const archive = tarBytes({ 'a.json': 'first' });

    const { entries, truncated, cutEntry } = readTarEntries(archive.subarray(0, 512 + 5));

    expect(truncated).toBe(true);
    expect(entries.map((entry) => decode(entry.data))).toEqual(['first']);
    expect(cutEntry).toBeUndefined();
  });

  it('flags an archive without its end-of-archive blocks', () => {
    const { entries, truncated } = readTarEntries(
      tarBytes({ 'a.json': 'a' }, { endBlocks: false }),
    );

    expect(entries).toHaveLength(1);
    expect(truncated).toBe(true);
  });

  it('rejects a header whose checksum does not add up', () => {
    const archive = tarBytes({ 'a.json': 'a' });
    archive[0] = 'z'.charCodeAt(0);

    expect(() => readTarEntries(archive)).toThrow(TarFormatError);
  });
});
