import type { Config } from '../../config/config-schema.ts';
import { policyDirectory } from '../../config/policy-directory.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import { type ItsmSession, openItsmSession } from '../../itsm/itsm-session.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';

/**
 * Opens the tenants' ITSM clients on `store` for one command and closes both the session
 * and the store when `use` is done, whatever it returns or throws. `demo` stands an
 * in-process simulator in for a tenant without an ITSM.
 */
export async function withItsmSession<T>(
  {
    config,
    logger,
    store,
    demo,
  }: {
    config: Config;
    logger: Logger;
    store: OpenDatabase;
    demo?: { tenantId: string; system: 'servicenow' | 'jira' };
  },
  use: (session: ItsmSession) => Promise<T>,
): Promise<T> {
  const session = await openItsmSession({
    db: store.db,
    config,
    policyDirectory: policyDirectory(config),
    clock: systemClock,
    logger,
    ...(demo === undefined ? {} : { demo }),
  });
  try {
    return await use(session);
  } finally {
    await session.close();
    store.close();
  }
}
