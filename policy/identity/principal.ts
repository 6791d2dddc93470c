import { z } from 'zod';

import { Role } from './role.ts';

/** A person or identity of a tenant: an email, a login, or the agents' service name. */
export const PrincipalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/, 'a login or email such as alice@example.com');

export const Principal = z.strictObject({
  tenantId: z.string().min(1),
  id: PrincipalId,
  role: Role,
  displayName: z.string().min(1),
});
export type Principal = z.infer<typeof Principal>;
