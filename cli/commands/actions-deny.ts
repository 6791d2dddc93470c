import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import {
  describeHeldAction,
  openStore,
  openTenantActions,
  parseCommandArgs,
  TENANT_OPTION,
} from './actions-context.ts';

export const actionsDeny: Command = {
  name: ['actions', 'deny'],
  summary: 'Deny a held action; it will never run',
  usage: 'usage: casebook actions deny <id> --as <user> [--tenant <id>] [--comment <text>]',
  async run({ args, config, logger, stdout }) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...TENANT_OPTION, as: { type: 'string' }, comment: { type: 'string' } },
      1,
    );
    if (values.as === undefined) throw new UsageError('--as <user> is required: who denies');
    const [id] = positionals as [string];

    const store = openStore(config);
    try {
      const actions = openTenantActions({
        store,
        config,
        tenantId: values.tenant,
        logger,
        withConsole: false,
      });
      const action = actions.deny({ id, principalId: values.as, comment: values.comment });
      stdout.write(`${describeHeldAction(action)}\ndenied by ${values.as}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
