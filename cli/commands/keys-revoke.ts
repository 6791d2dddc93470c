import { systemClock } from '../../lib/clock.ts';
import { revokeApiKey } from '../../server/auth/api-keys.ts';
import type { Command } from '../command.ts';
import { openStore, parseCommandArgs, TENANT_OPTION } from './actions-context.ts';

export const keysRevoke: Command = {
  name: ['keys', 'revoke'],
  summary: 'Revoke an API key; its next request is refused',
  usage: 'usage: casebook keys revoke <key id> [--tenant <id>]',
  async run({ args, config, stdout }) {
    const { values, positionals } = parseCommandArgs(args, TENANT_OPTION, 1);
    const [id] = positionals as [string];

    const store = openStore(config);
    try {
      const key = revokeApiKey({ db: store.db, clock: systemClock, tenantId: values.tenant, id });
      stdout.write(`revoked key ${key.id} of ${key.principalId} in tenant ${key.tenantId}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
