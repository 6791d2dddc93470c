import type { Config } from '../../config/config-schema.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import { getTenant } from '../../db/tenants.ts';
import { UsageError } from '../usage-error.ts';

/** The flags that name the console a command talks to: a tenant, or a console and token. */
export const CONSOLE_TARGET_OPTIONS = {
  tenant: { type: 'string' },
  console: { type: 'string' },
  'token-ref': { type: 'string' },
} as const;

/** Refuses a console without the reference to its token, or the other way round. */
export function checkConsoleFlags(values: { console?: string; 'token-ref'?: string }): void {
  if ((values.console === undefined) !== (values['token-ref'] === undefined)) {
    throw new UsageError('--console and --token-ref go together');
  }
}

/** The tenant named by --tenant: from the configuration first, else the database. */
export function requireTenant({ config, db, id }: { config: Config; db: CasebookDb; id: string }): {
  id: string;
  consoleUrl: string;
  tokenRef: string;
} {
  const tenant = config.tenants.find((candidate) => candidate.id === id) ?? getTenant({ db, id });
  if (tenant === undefined) throw new UsageError(`no tenant "${id}" is configured`);
  return tenant;
}
