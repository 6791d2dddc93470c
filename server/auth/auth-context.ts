import { z } from 'zod';

/** The roles an API key can carry: every role but the agents' own `service`. */
export const ApiKeyRole = z.enum(['admin', 'analyst', 'hunter', 'viewer', 'automation']);
export type ApiKeyRole = z.infer<typeof ApiKeyRole>;

/**
 * Who is calling, as the auth middleware found it from the bearer key: every route
 * reads the tenant from here and nowhere else, so a key sees only its own tenant.
 */
export interface AuthContext {
  keyId: string;
  tenantId: string;
  /** The key's holder: approvals and run requests are recorded under this id. */
  principalId: string;
  role: ApiKeyRole;
}

/** The Hono environment of every authenticated route, casebook's or mounted later. */
export interface ServerEnv {
  Variables: { auth: AuthContext };
}
