import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers: the same recording always imports to the same ids, so
 * tests, bookmarks and cached analyses stay valid across re-imports.
 */

function digestOf(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A decimal id of `digits` digits (at most 27) that never starts with 0. */
export function numericId(seed: string, digits = 18): string {
  const digest = digestOf(seed);
  let text = '';
  for (let offset = 0; offset < 12; offset += 4) {
    text += String(digest.readUInt32BE(offset) % 1_000_000_000).padStart(9, '0');
  }
  const first = String(1 + ((digest[12] ?? 0) % 9));
  return first + text.slice(1, digits);
}

/** `length` hex digits (at most 64), upper-case as SentinelOne writes uids and storylines. */
export function hexId(seed: string, length: number): string {
  return digestOf(seed).toString('hex').slice(0, length).toUpperCase();
}

/** 32 lower-case hex digits, the shape of an agent uuid. */
export function uuidHex(seed: string): string {
  return digestOf(seed).toString('hex').slice(0, 32);
}
