import { systemClock } from '../../lib/clock.ts';
import { createApiKey } from '../../server/auth/api-keys.ts';
import { ApiKeyRole } from '../../server/auth/auth-context.ts';
import type { Command } from '../command.ts';
import { localAccount } from '../local-account.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, parseCommandArgs, TENANT_OPTION, tenantAuditTrail } from './actions-context.ts';

const ROLES = ApiKeyRole.options.join(', ');

export const keysCreate: Command = {
  name: ['keys', 'create'],
  summary: 'Make an API key for `casebook serve` (the secret is shown once)',
  usage: [
    'usage: casebook keys create --as <principal> --role <role> [--tenant <id>] [--name <label>]',
    '',
    `  roles: ${ROLES}`,
    '  The key acts as the principal (a login or email) in the tenant: approvals made with',
    '  it are recorded under that id. A principal the tenant does not know yet is granted',
    '  the role (audited); a known one must already hold it. Only a hash of the key is',
    '  stored, so copy it now: it cannot be shown again.',
  ].join('\n'),
  async run({ args, config, stdout }) {
    const { values } = parseCommandArgs(
      args,
      {
        ...TENANT_OPTION,
        as: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
      },
      0,
    );
    if (values.as === undefined) throw new UsageError('--as <principal> is required');
    if (values.role === undefined) throw new UsageError(`--role is required: one of ${ROLES}`);
    if (!ApiKeyRole.safeParse(values.role).success) {
      throw new UsageError(`--role must be one of ${ROLES}`);
    }

    const store = openStore(config);
    try {
      const { key, record } = createApiKey({
        db: store.db,
        clock: systemClock,
        audit: tenantAuditTrail({ store, config, tenantId: values.tenant }),
        tenantId: values.tenant,
        principalId: values.as,
        role: values.role,
        ...(values.name === undefined ? {} : { name: values.name }),
        createdBy: localAccount(),
      });
      stdout.write(
        [
          key,
          '',
          `key ${record.id}: ${record.principalId} as ${record.role} in tenant ${record.tenantId}`,
          'Send it as "Authorization: Bearer <key>". It is not stored and will not be shown again.',
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
