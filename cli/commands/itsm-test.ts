import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { printable } from '../../lib/printable.ts';
import type { Command } from '../command.ts';
import { openStore, parseCommandArgs } from './actions-context.ts';
import { parseDemo } from './case-change.ts';
import { withItsmSession } from './with-itsm-session.ts';

const MARK = { passed: 'PASS', failed: 'FAIL', not_checked: 'SKIP' } as const;

export const itsmTest: Command = {
  name: ['itsm', 'test'],
  summary: 'Check ITSM credentials and permissions (auth, read, create) without creating anything',
  usage: [
    'usage: casebook itsm test [--tenant <id>] [--demo servicenow|jira]',
    '',
    '  For each tenant with an ITSM (or one): signs in, reads the table or project, and',
    '  checks the right to create where the API has a dry check (Jira create metadata).',
    '  Exit status 1 when a check failed. --demo tests against an in-process simulator.',
  ].join('\n'),
  async run({ args, config, logger, stdout }) {
    const { values } = parseCommandArgs(
      args,
      { tenant: { type: 'string' }, demo: { type: 'string' } },
      0,
    );
    const demo = parseDemo(values.demo);
    const demoSession =
      demo === undefined
        ? {}
        : { demo: { tenantId: values.tenant ?? DEFAULT_TENANT_ID, system: demo } };

    const store = openStore(config);
    return withItsmSession({ config, logger, store, ...demoSession }, async (session) => {
      const tenantIds = session.tenantIds.filter(
        (id) => values.tenant === undefined || id === values.tenant,
      );
      if (tenantIds.length === 0) {
        stdout.write('no tenant has an ITSM configured (config key itsm); try --demo servicenow\n');
        return 1;
      }
      let failed = false;
      for (const tenantId of tenantIds) {
        const handle = session.open(tenantId);
        if (handle === undefined) continue;
        const { settings } = handle.tenant;
        stdout.write(`${tenantId}: ${settings.system} at ${settings.baseUrl}\n`);
        for (const check of await handle.tickets.checkAccess()) {
          failed ||= check.outcome === 'failed';
          stdout.write(
            `  ${MARK[check.outcome]} ${check.check.padEnd(6)} ${printable(check.detail)}\n`,
          );
        }
      }
      stdout.write(
        failed ? 'some checks FAILED\n' : 'all checks passed (skipped ones are listed)\n',
      );
      return failed ? 1 : 0;
    });
  },
};
