import { listApiKeys } from '../../server/auth/api-keys.ts';
import type { Command } from '../command.ts';
import { openStore, parseCommandArgs } from './actions-context.ts';

function time(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const keysList: Command = {
  name: ['keys', 'list'],
  summary: 'List API keys (never their secrets), revoked ones included',
  usage: [
    'usage: casebook keys list [--tenant <id>] [--json]',
    '',
    '  Every tenant’s keys unless --tenant names one, newest first.',
  ].join('\n'),
  async run({ args, config, stdout }) {
    const { values } = parseCommandArgs(
      args,
      { tenant: { type: 'string' }, json: { type: 'boolean', default: false } },
      0,
    );

    const store = openStore(config);
    try {
      const keys = listApiKeys({
        db: store.db,
        ...(values.tenant === undefined ? {} : { tenantId: values.tenant }),
      });
      if (values.json) {
        stdout.write(`${JSON.stringify({ keys }, null, 2)}\n`);
        return 0;
      }
      if (keys.length === 0) stdout.write('no API keys (casebook keys create)\n');
      for (const key of keys) {
        const state = key.revokedAt === null ? 'active' : `revoked ${time(key.revokedAt)}`;
        stdout.write(
          `${key.id}  ${key.tenantId}  ${key.principalId}  ${key.role}  ${state}  ` +
            `created ${time(key.createdAt)} by ${key.createdBy}  "${key.name}"\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
