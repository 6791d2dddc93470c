import { createHash } from 'node:crypto';
import type { SimStore } from '../open-sim-store.ts';
import { cachedStatement } from '../sql/cached-statement.ts';

/** A console user; writes made with their token are attributed to them in activities. */
export interface SimUser {
  id: string;
  email: string;
  fullName: string;
}

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stores only a digest of the token, so a copied store file holds no usable secret. */
export function registerApiToken(
  store: SimStore,
  { token, user }: { token: string; user: SimUser },
): void {
  const { db } = store;
  db.transaction(() => {
    cachedStatement(
      db,
      `INSERT INTO users (id, email, full_name) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, full_name = excluded.full_name`,
    ).run(user.id, user.email, user.fullName);
    cachedStatement(
      db,
      `INSERT INTO api_tokens (token_sha256, user_id, created_at) VALUES (?, ?, ?)
       ON CONFLICT (token_sha256) DO UPDATE SET user_id = excluded.user_id`,
    ).run(tokenDigest(token), user.id, store.clock.now());
  })();
}

export function userForToken(store: SimStore, token: string): SimUser | undefined {
  const row = cachedStatement(
    store.db,
    `SELECT u.id, u.email, u.full_name AS fullName FROM api_tokens t
     JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = ?`,
  ).get(tokenDigest(token)) as SimUser | undefined;
  return row;
}

/**
 * Makes `grants` the only tokens the store accepts, so a token handed out by an earlier
 * run of a file store stops working when the simulator starts with new ones.
 */
export function replaceApiTokens(
  store: SimStore,
  grants: readonly { token: string; user: SimUser }[],
): void {
  store.db.transaction(() => {
    store.db.prepare('DELETE FROM api_tokens').run();
    for (const grant of grants) {
      registerApiToken(store, grant);
    }
  })();
}
