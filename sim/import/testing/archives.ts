import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { onTestFinished } from 'vitest';

const encoder = new TextEncoder();

/**
 * A fresh scratch folder under the OS temp dir, removed when the calling test finishes
 * (passed or failed), so test runs do not pile folders up in /tmp. Call it inside a test.
 */
export function scratchFolder(prefix = 'casebook-import-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  return folder;
}

export function zipBytes(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) {
    entries[name] = encoder.encode(text);
  }
  return zipSync(entries);
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** A ustar archive with regular files, written the way `tar` does. */
export function tarBytes(files: Record<string, string>, { endBlocks = true } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = encoder.encode(text);
    const header = new Uint8Array(512);
    const slash = name.length > 100 ? name.lastIndexOf('/', 155) : -1;
    header.set(encoder.encode(slash === -1 ? name : name.slice(slash + 1)), 0);
    header.set(encoder.encode(octal(0o644, 8)), 100);
    header.set(encoder.encode(octal(0, 8)), 108);
    header.set(encoder.encode(octal(0, 8)), 116);
    header.set(encoder.encode(octal(data.length, 12)), 124);
    header.set(encoder.encode(octal(0, 12)), 136);
    header.set(encoder.encode('        '), 148);
    header[156] = '0'.charCodeAt(0);
    header.set(encoder.encode('ustar\u000000'), 257);
    if (slash !== -1) {
      header.set(encoder.encode(name.slice(0, slash)), 345);
    }
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.set(encoder.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  if (endBlocks) {
    blocks.push(new Uint8Array(1024));
  }
  const total = blocks.reduce((size, block) => size + block.length, 0);
  const archive = new Uint8Array(total);
  let offset = 0;
  for (const block of blocks) {
    archive.set(block, offset);
    offset += block.length;
  }
  return archive;
}

export function tarGzBytes(files: Record<string, string>): Uint8Array {
  return gzipSync(tarBytes(files));
}

export function writeBytes(folder: string, name: string, bytes: Uint8Array | string): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}
