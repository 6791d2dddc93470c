import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { validationError } from './sim-api-error.ts';

/** Where the next page starts: an offset into the list, or after a result sequence number. */
export type CursorPosition = { offset: number } | { afterSeq: number };

export interface CursorCodec {
  encode(binding: string, position: CursorPosition): string;
  /** Throws a 400 for a cursor this process did not issue for this binding. */
  decode(binding: string, cursor: string): CursorPosition;
}

const MAC_BYTES = 18;

/**
 * Cursors look opaque (base64, like the console's) but are signed with a per-process
 * secret over the endpoint and its filters, so a forged cursor, a cursor from another
 * endpoint or from the same endpoint with other filters is refused instead of silently
 * paging through the wrong list.
 */
export function createCursorCodec(secret: Buffer = randomBytes(32)): CursorCodec {
  const mac = (binding: string, payload: string) =>
    createHmac('sha256', secret).update(`${binding}\n${payload}`).digest().subarray(0, MAC_BYTES);

  return {
    encode(binding, position) {
      const payload = 'offset' in position ? `o:${position.offset}` : `s:${position.afterSeq}`;
      const signature = mac(binding, payload).toString('base64url');
      return Buffer.from(`${payload}:${signature}`).toString('base64');
    },

    decode(binding, cursor) {
      const invalid = validationError('Invalid cursor: it was not issued for this request');
      // '+' in an unencoded query string arrives as a space.
      const text = Buffer.from(cursor.replaceAll(' ', '+'), 'base64').toString('utf8');
      const match = /^([os]):(\d{1,15}):([A-Za-z0-9_-]+)$/.exec(text);
      if (match === null) {
        throw invalid;
      }
      const [, kind, value, signature] = match as unknown as [string, string, string, string];
      const expected = mac(binding, `${kind}:${value}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw invalid;
      }
      return kind === 'o' ? { offset: Number(value) } : { afterSeq: Number(value) };
    },
  };
}

const PAGING_KEYS = new Set(['limit', 'skip', 'cursor', 'countOnly', 'skipCount']);

/**
 * What a cursor is bound to: the path and every parsed parameter except the paging
 * ones, in a fixed key order, so a cursor is reusable with another `limit` but not
 * with other filters or another sort.
 */
export function cursorBinding(path: string, params: Record<string, unknown>): string {
  const kept = Object.keys(params)
    .filter((key) => !PAGING_KEYS.has(key) && params[key] !== undefined)
    .sort()
    .map((key) => [key, params[key]]);
  return `${path}?${JSON.stringify(kept)}`;
}
