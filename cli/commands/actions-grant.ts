import { systemClock } from '../../lib/clock.ts';
import { upsertPrincipal } from '../../policy/identity/principals.ts';
import { canApprove, Role } from '../../policy/identity/role.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, parseCommandArgs, TENANT_OPTION } from './actions-context.ts';

export const actionsGrant: Command = {
  name: ['actions', 'grant'],
  summary: 'Give a person a role (admin and analyst may approve held actions)',
  usage: [
    'usage: casebook actions grant <user> --role <role> [--tenant <id>] [--name <display name>]',
    '',
    `  roles: ${Role.options.join(', ')}; only admin and analyst may approve or deny`,
  ].join('\n'),
  async run({ args, config, stdout }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...TENANT_OPTION, role: { type: 'string' }, name: { type: 'string' } },
      1,
    );
    if (values.role === undefined)
      throw new UsageError(`--role is required: one of ${Role.options.join(', ')}`);
    const [id] = positionals as [string];

    const store = openStore(config);
    try {
      const principal = upsertPrincipal({
        db: store.db,
        clock: systemClock,
        principal: { tenantId: values.tenant, id, role: values.role, displayName: values.name },
      });
      const may = canApprove(principal.role) ? 'may' : 'may not';
      const who = `${principal.id} is ${principal.role} in tenant ${principal.tenantId}`;
      stdout.write(`${who}; ${may} approve held actions\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
