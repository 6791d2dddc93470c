import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { type ItsmCapabilities, itsmCapabilities } from '../tools/itsm/tools/itsm-capabilities.ts';
import { ITSM_TOOLS } from '../tools/itsm/tools/itsm-tools.ts';
import type { ToolDefinition } from '../tools/registry/define-tool.ts';
import { deferTicketSystem } from './deferred-ticket-system.ts';
import type { ItsmTenantSettings } from './itsm-settings.ts';
import { openTicketSystem } from './open-ticket-system.ts';
import { tenantTicketSystem } from './tenant-ticket-system.ts';

/** What running a tenant's approved ticket actions needs, besides the held actions. */
export interface ItsmActionTools {
  tools: readonly ToolDefinition<ItsmCapabilities>[];
  capabilities: ItsmCapabilities;
  /** The names of the ticket tools, to tell a ticket action from a console one. */
  names: ReadonlySet<string>;
  /** Reads the credential now, so a missing one stops a decision before it is recorded. */
  prepare(): void;
}

/**
 * The ticket tools with the tenant's ticket system behind them, for the held-actions
 * registry: the same system the sync writes through, so an approved create links its
 * ticket to the case as the sync's own would. The credential is read from its
 * reference only when a ticket action runs or is about to be approved, never to list
 * or deny.
 */
export function itsmActionTools({
  db,
  settings,
  tenantId,
  env,
  clock,
  logger,
}: {
  db: CasebookDb;
  settings: ItsmTenantSettings;
  /** The tenant the settings are under. */
  tenantId: string;
  env?: Record<string, string | undefined>;
  clock: Clock;
  logger?: Logger;
}): ItsmActionTools {
  const tickets = deferTicketSystem({
    system: settings.system,
    open: () => openTicketSystem({ settings, tenantId, env, clock, logger }),
  });
  const tracked = tenantTicketSystem({ db, tenantId, tickets, clock });

  return {
    tools: ITSM_TOOLS,
    capabilities: itsmCapabilities(tracked.tickets),
    names: new Set(ITSM_TOOLS.map((tool) => tool.name)),
    prepare: () => {
      tickets.resolve();
    },
  };
}
