import { z } from 'zod';

const SysIdOrName = z.string().min(1).max(200);

/** Where and how casebook files incidents on a ServiceNow instance. */
export const ServiceNowSettings = z.strictObject({
  /** `incident`, or `sn_si_incident` where Security Incident Response is installed. */
  table: z.enum(['incident', 'sn_si_incident']).default('incident'),
  /** The sys_id of the `sys_user_group`, or its name (sent as a display value). */
  assignmentGroup: SysIdOrName.optional(),
  category: z.string().min(1).max(80).optional(),
  /** The instance's resolution code choice used when casebook resolves an incident. */
  closeCode: z.string().min(1).max(80).default('Solved (Permanently)'),
  /** Extra fields set on every incident casebook creates, e.g. `{ "u_source": "MDR" }`. */
  fields: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().max(1_000)).default({}),
});
export type ServiceNowSettings = z.infer<typeof ServiceNowSettings>;
export type ServiceNowSettingsInput = z.input<typeof ServiceNowSettings>;
