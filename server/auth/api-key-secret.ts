import { randomBytes, timingSafeEqual } from 'node:crypto';

import { sha256Hex } from '../../policy/canonical-json.ts';

const KEY = /^cbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * A new API key: `cbk_<id>_<secret>`, where the id (48 random bits) is the public
 * prefix the store looks the key up by and the secret holds 256 random bits. With that
 * much entropy a plain sha256 is as strong as a slow password hash, and cheap per request.
 */
export function generateApiKey(): { id: string; key: string; secretHash: string } {
  const id = randomBytes(6).toString('hex');
  const key = `cbk_${id}_${randomBytes(32).toString('base64url')}`;

  return { id, key, secretHash: hashApiKey(key) };
}

/** The id of a well-formed key; undefined for anything else. */
export function apiKeyId(key: string): string | undefined {
  return KEY.exec(key)?.[1];
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** Compares a presented key with a stored hash in constant time. */
export function matchesApiKey(key: string, secretHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(secretHash, 'hex');

  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
