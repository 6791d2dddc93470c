import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, writeBytes } from './archives.ts';

describe('scratchFolder', () => {
  let previous: string | undefined;

  it('gives a fresh folder to write in', () => {
    previous = scratchFolder();
    writeBytes(previous, 'left.json', '{}');

    expect(existsSync(join(previous, 'left.json'))).toBe(true);
  });

  // Runs after the test above (tests of a file run in order): its folder must be gone.
  it('removes the folder, contents and all, once its test has finished', () => {
    expect(previous).toBeDefined();
    expect(existsSync(previous ?? '')).toBe(false);
  });
});
