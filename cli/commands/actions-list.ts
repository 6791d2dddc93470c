import { HeldActionStatus } from '../../policy/held-actions/held-action.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import {
  describeHeldAction,
  parseCommandArgs,
  TENANT_OPTION,
  withTenantActions,
} from './actions-context.ts';

export const actionsList: Command = {
  name: ['actions', 'list'],
  summary: 'List held actions waiting for approval (or past it)',
  usage: [
    'usage: casebook actions list [--tenant <id>] [--status <status,...>] [--case <threat id>]',
    '                             [--json]',
    '',
    `  --status   pending (default), or any of ${HeldActionStatus.options.join(', ')}, or all`,
    '  --case     only the held actions of one case',
    '  --json     one JSON document instead of text',
  ].join('\n'),
  async run({ args, config, logger, stdout }) {
    const { values } = parseCommandArgs(
      args,
      {
        ...TENANT_OPTION,
        status: { type: 'string', default: 'pending' },
        case: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      0,
    );
    const statuses =
      values.status === 'all'
        ? undefined
        : values.status.split(',').map((status) => {
            const parsed = HeldActionStatus.safeParse(status.trim());
            if (!parsed.success)
              throw new UsageError(
                `unknown status "${status}"; use ${HeldActionStatus.options.join(', ')} or all`,
              );
            return parsed.data;
          });

    return withTenantActions({
      config,
      tenantId: values.tenant,
      logger,
      withConsole: false,
      use: (actions) => {
        const listed = actions.list({ statuses, caseId: values.case });

        if (values.json) stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
        else if (listed.length === 0)
          stdout.write(`no held actions (${values.status}) in tenant ${values.tenant}\n`);
        else stdout.write(`${listed.map(describeHeldAction).join('\n\n')}\n`);
        return 0;
      },
    });
  },
};
