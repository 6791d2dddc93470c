import type { MiddlewareHandler } from 'hono';

import type { CasebookDb } from '../../db/open-database.ts';
import { ApiError } from '../http/api-error.ts';
import { authenticateApiKey } from './api-keys.ts';
import type { ApiKeyRole, ServerEnv } from './auth-context.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Authenticates the bearer key and checks its role, then puts the caller on the
 * context as `auth`. A missing, malformed, unknown or revoked key, or one whose person
 * no longer holds its role, is 401 (one message for all, so a probe learns nothing); a key whose role may not call the route is 403.
 * Mounted sub-apps (e.g. hunting chat) use this same middleware.
 */
export function requireKey({
  db,
  roles,
}: {
  db: CasebookDb;
  roles: readonly ApiKeyRole[];
}): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const key = BEARER.exec(header)?.[1];
    const auth = key === undefined ? undefined : authenticateApiKey({ db, key });
    if (auth === undefined) {
      throw new ApiError({
        code: 'UNAUTHENTICATED',
        message:
          key === undefined
            ? 'send an API key as "Authorization: Bearer <key>" (casebook keys create)'
            : "the API key is unknown, revoked, or its principal's role has changed since",
        headers: { 'WWW-Authenticate': 'Bearer realm="casebook"' },
      });
    }
    if (!roles.includes(auth.role)) {
      const article = /^[aeiou]/.test(auth.role) ? 'an' : 'a';
      throw new ApiError({
        code: 'FORBIDDEN',
        message: `${article} ${auth.role} key may not call ${c.req.method} ${c.req.routePath}`,
        details: { role: auth.role, allowedRoles: [...roles] },
      });
    }

    c.set('auth', auth);
    await next();
  };
}
