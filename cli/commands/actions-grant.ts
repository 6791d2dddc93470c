import { systemClock } from '../../lib/clock.ts';
import { upsertPrincipal } from '../../policy/identity/principals.ts';
import { canApprove, Role } from '../../policy/identity/role.ts';
import type { Command } from '../command.ts';
import { localAccount } from '../local-account.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, parseCommandArgs, TENANT_OPTION, tenantAuditTrail } from './actions-context.ts';

const ROLES = `--role must be one of ${Role.options.join(', ')}`;

export const actionsGrant: Command = {
  name: ['actions', 'grant'],
  summary: 'Give a person a role (admin and analyst may approve held actions)',
  usage: [
    'usage: casebook actions grant <user> --role <role> [--tenant <id>] [--name <display name>]',
    '',
    `  roles: ${Role.options.join(', ')}; only admin and analyst may approve or deny`,
    '  The user is stored lower-cased, so one person is one approver however they type it.',
    '  The agents’ identities (casebook-agent, agent names) may not be made approvers.',
    '  Every grant is audited with the local account that ran this command.',
  ].join('\n'),
  async run({ args, config, stdout }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...TENANT_OPTION, role: { type: 'string' }, name: { type: 'string' } },
      1,
    );
    if (values.role === undefined)
      throw new UsageError(`--role is required: one of ${Role.options.join(', ')}`);
    const role = Role.safeParse(values.role);
    if (!role.success) throw new UsageError(ROLES);
    const [id] = positionals as [string];

    const store = openStore(config);
    try {
      const principal = upsertPrincipal({
        db: store.db,
        clock: systemClock,
        audit: tenantAuditTrail({ store, config, tenantId: values.tenant }),
        grantedBy: localAccount(),
        principal: { tenantId: values.tenant, id, role: role.data, displayName: values.name },
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
