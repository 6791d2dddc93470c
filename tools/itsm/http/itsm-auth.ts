import { z } from 'zod';

/**
 * How casebook signs in to a ticketing system: Basic (ServiceNow user and password, or
 * a Jira email and API token) or a Bearer token (OAuth). Held only in memory.
 */
export const ItsmAuth = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('basic'),
    username: z.string().min(1),
    password: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('bearer'), token: z.string().min(1) }),
]);
export type ItsmAuth = z.infer<typeof ItsmAuth>;

export function authorizationHeader(auth: ItsmAuth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;

  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

/** Every string that must never appear in an error or a log line. */
export function secretsOf(auth: ItsmAuth): string[] {
  if (auth.kind === 'bearer') return [auth.token];

  const header = authorizationHeader(auth).slice('Basic '.length);
  return [auth.password, header];
}
