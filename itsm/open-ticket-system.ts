import { resolveSecret } from '../config/resolve-secret.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { ItsmAuth } from '../tools/itsm/http/itsm-auth.ts';
import type { FetchLike } from '../tools/itsm/http/itsm-transport.ts';
import { createJiraTicketSystem } from '../tools/itsm/jira/jira-ticket-system.ts';
import { createServiceNowTicketSystem } from '../tools/itsm/servicenow/servicenow-ticket-system.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import type { ItsmTenantSettings } from './itsm-settings.ts';

/**
 * A tenant's ticket system from its settings. The credential is read from its reference
 * here, when a client is built, and lives only inside that client.
 */
export function openTicketSystem({
  settings,
  tenantId,
  env,
  clock,
  logger,
  fetch,
}: {
  settings: ItsmTenantSettings;
  /** The tenant the settings are under (`itsm.<tenant>`), for naming the key in errors. */
  tenantId?: string;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: Logger;
  fetch?: FetchLike;
}): TicketSystem {
  const secret = resolveSecret({
    ref: settings.auth.secretRef,
    key: `itsm.${tenantId ?? '<tenant>'}.auth.secretRef`,
    env,
  });
  const auth: ItsmAuth =
    settings.auth.kind === 'basic'
      ? { kind: 'basic', username: settings.auth.username, password: secret }
      : { kind: 'bearer', token: secret };
  const client = {
    baseUrl: settings.baseUrl,
    auth,
    clock,
    logger,
    fetch,
    timeoutMs: settings.timeoutMs,
  };

  return settings.system === 'servicenow'
    ? createServiceNowTicketSystem({ client, settings: settings.servicenow })
    : createJiraTicketSystem({ client, settings: settings.jira });
}
