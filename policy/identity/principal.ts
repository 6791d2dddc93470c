import { z } from 'zod';

import { canonicalPrincipalId } from './canonical-principal-id.ts';
import { Role } from './role.ts';

/**
 * A person or identity of a tenant: an email, a login, or the agents' service name,
 * always in its canonical form (see `canonicalPrincipalId`), so one person is one id.
 */
export const PrincipalId = z
  .string()
  .overwrite(canonicalPrincipalId)
  .regex(/^[a-z0-9][a-z0-9._@+-]{0,127}$/, 'a login or email such as alice@example.com');

export const Principal = z.strictObject({
  tenantId: z.string().min(1),
  id: PrincipalId,
  role: Role,
  displayName: z.string().min(1),
});
export type Principal = z.infer<typeof Principal>;
