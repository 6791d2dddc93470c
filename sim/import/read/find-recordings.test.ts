import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, writeBytes } from '../testing/archives.ts';
import { findRecordings } from './find-recordings.ts';

async function all(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for await (const path of findRecordings(paths)) {
    found.push(path);
  }
  return found;
}

describe('findRecordings', () => {
  it('walks folders recursively in name order, skipping metadata and forks', async () => {
    const root = scratchFolder();
    mkdirSync(join(root, 'windows', 'host'), { recursive: true });
    mkdirSync(join(root, '_metadata'));
    writeBytes(join(root, 'windows', 'host'), 'b.zip', 'x');
    writeBytes(join(root, 'windows', 'host'), 'a.tar.gz', 'x');
    writeBytes(join(root, 'windows', 'host'), '._a.zip', 'x');
    writeBytes(join(root, '_metadata'), 'SDWIN-1.yaml', 'x');
    writeBytes(root, 'c.json', 'x');
    writeBytes(root, 'readme.md', 'x');

    expect(await all([root])).toEqual([
      join(root, 'c.json'),
      join(root, 'windows', 'host', 'a.tar.gz'),
      join(root, 'windows', 'host', 'b.zip'),
    ]);
  });

  it('passes a file path through unchanged', async () => {
    const path = writeBytes(scratchFolder(), 'one.zip', 'x');

    expect(await all([path])).toEqual([path]);
  });

  it('throws a user error for a path that does not exist', async () => {
    await expect(all([join(scratchFolder(), 'nope')])).rejects.toMatchObject({
      code: 'IMPORT_SOURCE_NOT_FOUND',
    });
  });
});
