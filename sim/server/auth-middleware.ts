import type { MiddlewareHandler } from 'hono';
import { userForToken } from '../store/identity/sim-users.ts';
import type { SimStore } from '../store/open-sim-store.ts';
import { authenticationError } from './sim-api-error.ts';
import type { SimEnv } from './sim-env.ts';

/** `ApiToken <token>`, and the `ApiToken:<token>` some scripts send. */
const API_TOKEN = /^ApiToken(?:\s+|\s*:\s*)(\S+)\s*$/;

export function tokenFromHeader(header: string | undefined): string | undefined {
  return header === undefined ? undefined : API_TOKEN.exec(header.trim())?.[1];
}

/** Missing, malformed or unknown tokens all get the console's one 401 body. */
export function authMiddleware(store: SimStore): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    const token = tokenFromHeader(c.req.header('authorization'));
    const user = token === undefined ? undefined : userForToken(store, token);
    if (token === undefined || user === undefined) {
      throw authenticationError();
    }
    c.set('user', user);
    c.set('token', token);
    await next();
  };
}
