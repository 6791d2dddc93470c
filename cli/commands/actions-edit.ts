import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { report } from './actions-approve.ts';
import { parseDecisionArgs, withTenantActions } from './actions-context.ts';

export const actionsEdit: Command = {
  name: ['actions', 'edit'],
  summary: 'Replace a held action’s arguments and approve the new ones',
  usage: [
    "usage: casebook actions edit <id> --as <user> --args '<json>'",
    '                             [--tenant <id>] [--comment <text>]',
    '',
    '  The edit is recorded with the old and the new argument hash; approvals of the',
    '  old arguments stop counting, and yours counts for the new ones.',
  ].join('\n'),
  async run({ args, config, logger, stdout, stderr }) {
    const { id, principalId, values } = parseDecisionArgs({
      args,
      who: 'who edits and approves',
      extra: { args: { type: 'string' } },
    });
    if (values.args === undefined)
      throw new UsageError('--args <json> is required: the new arguments');
    let edited: unknown;
    try {
      edited = JSON.parse(values.args);
    } catch (error) {
      throw new UsageError(
        `--args is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    return withTenantActions({
      config,
      tenantId: values.tenant,
      logger,
      withConsole: true,
      use: async (actions) => {
        const result = await actions.editAndApprove({
          id,
          principalId,
          args: edited,
          comment: values.comment,
        });
        return report(result, { stdout, stderr });
      },
    });
  },
};
