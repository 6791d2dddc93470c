import { dirname, join } from 'node:path';

import type { Config } from './config-schema.ts';

/**
 * Where tenant policy files live until the configuration names a place:
 * `policies/<tenant>.yaml` beside the database.
 */
export function policyDirectory(config: Pick<Config, 'databasePath'>): string {
  return join(dirname(config.databasePath), 'policies');
}
