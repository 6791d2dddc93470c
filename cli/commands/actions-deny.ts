import { canonicalPrincipalId } from '../../policy/identity/canonical-principal-id.ts';
import type { Command } from '../command.ts';
import { describeHeldAction, parseDecisionArgs, withTenantActions } from './actions-context.ts';

export const actionsDeny: Command = {
  name: ['actions', 'deny'],
  summary: 'Deny a held action; it will never run',
  usage: 'usage: casebook actions deny <id> --as <user> [--tenant <id>] [--comment <text>]',
  async run({ args, config, logger, stdout }) {
    const { id, principalId, values } = parseDecisionArgs({ args, who: 'who denies' });

    return withTenantActions({
      config,
      tenantId: values.tenant,
      logger,
      withConsole: false,
      use: (actions) => {
        const action = actions.deny({ id, principalId, comment: values.comment });
        const by = canonicalPrincipalId(principalId);
        stdout.write(`${describeHeldAction(action)}\ndenied by ${by}\n`);
        return 0;
      },
    });
  },
};
