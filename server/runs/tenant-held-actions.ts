import type { Config } from '../../config/config-schema.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import { itsmActionTools } from '../../itsm/itsm-action-tools.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AuditTrail } from '../../policy/audit/audit-trail.ts';
import type { VerifyTiming } from '../../policy/execution/execute-write.ts';
import { createHeldActions, type HeldActions } from '../../policy/held-actions/held-actions.ts';
import type { Policy } from '../../policy/rules/policy-file.ts';
import type { ItsmCapabilities } from '../../tools/itsm/tools/itsm-capabilities.ts';
import { createToolRegistry } from '../../tools/registry/tool-registry.ts';
import type { SentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import {
  type SentinelOneCapabilities,
  sentinelOneCapabilities,
} from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { SENTINELONE_TOOLS } from '../../tools/sentinelone/tools/sentinelone-tools.ts';

/**
 * A tenant's held actions as the API decides them: the console's tools on the tenant's
 * client and, when the tenant has an ITSM, the ticket tools on its ticket system, so a
 * held ticket transition approved over HTTP runs just as one approved on the CLI. The
 * ITSM credential is read only when a ticket action first runs.
 */
export function createTenantHeldActions({
  db,
  config,
  tenantId,
  policy,
  consoleUrl,
  client,
  audit,
  clock,
  logger,
  verifyTiming,
}: {
  db: CasebookDb;
  config: Config;
  tenantId: string;
  /** Edited arguments are decided again under it. */
  policy: Policy;
  /** The tenant's console; actions asked on another console are refused. */
  consoleUrl: string;
  client: SentinelOneClient;
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  verifyTiming?: VerifyTiming | undefined;
}): HeldActions {
  const common = {
    db,
    tenantId,
    policy,
    consoleUrl,
    audit,
    clock,
    logger,
    ...(verifyTiming === undefined ? {} : { timing: verifyTiming }),
  };
  const console = sentinelOneCapabilities(client);
  const settings = config.itsm[tenantId];
  if (settings === undefined) {
    return createHeldActions({
      ...common,
      registry: createToolRegistry(SENTINELONE_TOOLS),
      capabilities: console,
    });
  }

  const itsm = itsmActionTools({ db, settings, tenantId, clock, logger });
  return createHeldActions({
    ...common,
    consoleUrl: (tool) => (itsm.names.has(tool) ? settings.baseUrl : consoleUrl),
    registry: createToolRegistry<SentinelOneCapabilities & ItsmCapabilities>([
      ...SENTINELONE_TOOLS,
      ...itsm.tools,
    ]),
    capabilities: {
      reads: { ...console.reads, ...itsm.capabilities.reads },
      writes: { ...console.writes, ...itsm.capabilities.writes },
    },
  });
}
