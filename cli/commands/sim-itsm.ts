import { startItsmSimulators } from '../../sim/itsm/start-itsm-simulators.ts';
import type { Command } from '../command.ts';
import { integerFlag } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { parseCommandArgs } from './actions-context.ts';

export const simItsm: Command = {
  name: ['sim', 'itsm'],
  summary: 'Start the local ServiceNow and Jira simulators',
  usage: [
    'usage: casebook sim itsm [--host <addr>] [--servicenow-port <n>] [--jira-port <n>]',
    '                         [--secret <password>]',
    '',
    '  Serves the ServiceNow Table API (default port 4620) and Jira Cloud REST v3 (4621)',
    '  from memory until interrupted. The users sn-integration and jira-integration sign',
    '  in with --secret (random when not given); sn-reader and jira-reader may only read.',
  ].join('\n'),
  async run({ args, stdout, interrupted }) {
    const { values } = parseCommandArgs(
      args,
      {
        host: { type: 'string', default: '127.0.0.1' },
        'servicenow-port': { type: 'string' },
        'jira-port': { type: 'string' },
        secret: { type: 'string' },
      },
      0,
    );
    const port = (name: string, value: string | undefined, fallback: number) =>
      integerFlag({ name, value, min: 0, max: 65_535 }) ?? fallback;
    const ports = {
      servicenow: port('servicenow-port', values['servicenow-port'], 4620),
      jira: port('jira-port', values['jira-port'], 4621),
    };
    if (values.secret !== undefined && values.secret.length < 8) {
      throw new UsageError('--secret needs at least 8 characters');
    }

    const sims = await startItsmSimulators({
      host: values.host,
      ports,
      ...(values.secret === undefined ? {} : { secret: values.secret }),
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UsageError('a simulator port is in use; pass --servicenow-port / --jira-port');
      }
      throw error;
    });

    const { servicenow, jira } = sims;
    stdout.write(
      [
        `ServiceNow simulator listening on ${servicenow.url}`,
        `  user ${servicenow.user.username}, password ${servicenow.user.secret}`,
        `Jira simulator listening on ${jira.url} (project SEC)`,
        `  user ${jira.user.username}, API token ${jira.user.secret}`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );

    await interrupted;
    await sims.close();
    stdout.write('simulators stopped\n');
    return 0;
  },
};
