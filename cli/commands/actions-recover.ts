import { printable } from '../../lib/printable.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { parseCommandArgs, TENANT_OPTION, withTenantActions } from './actions-context.ts';

const USAGE = [
  'usage: casebook actions recover [--tenant <id>] [--stale-minutes <n>]',
  '',
  '  Settles actions a crash left "executing": asks the console whether each one took',
  '  effect (never runs it again) and marks it executed_verified, or failed with code',
  '  INTERRUPTED for a person to check. Only actions claimed more than --stale-minutes',
  '  ago (default 10) are touched, so an approval running elsewhere is left alone.',
].join('\n');

export const actionsRecover: Command = {
  name: ['actions', 'recover'],
  summary: 'Settle held actions a crash left executing, by checking the console',
  usage: USAGE,
  async run({ args, config, logger, stdout }) {
    const { values } = parseCommandArgs(
      args,
      { ...TENANT_OPTION, 'stale-minutes': { type: 'string', default: '10' } },
      0,
    );
    const minutes = Number(values['stale-minutes']);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
      throw new UsageError('--stale-minutes must be a whole number from 1 to 10080');
    }

    return withTenantActions({
      config,
      tenantId: values.tenant,
      logger,
      withConsole: true,
      use: async (actions) => {
        const recovered = await actions.recoverInterrupted({ staleAfterMs: minutes * 60_000 });
        for (const action of recovered) {
          stdout.write(
            printable(`${action.id}  ${action.tool}: ${action.status} (${action.detail})`),
          );
          stdout.write('\n');
        }
        stdout.write(`${recovered.length} interrupted action(s) settled\n`);
        return 0;
      },
    });
  },
};
