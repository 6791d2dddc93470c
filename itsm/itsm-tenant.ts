import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import { type Logger, silentLogger } from '../lib/logger.ts';
import type { AuditTrail } from '../policy/audit/audit-trail.ts';
import type { RunContextInput } from '../policy/gate/run-context.ts';
import type { Toolbox } from '../policy/gate/tool-call-result.ts';
import { createToolGate } from '../policy/gate/tool-gate.ts';
import type { Policy } from '../policy/rules/policy-file.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import { itsmCapabilities } from '../tools/itsm/tools/itsm-capabilities.ts';
import { createItsmRegistry } from '../tools/itsm/tools/itsm-tools.ts';
import type { ItsmTenantSettings } from './itsm-settings.ts';
import { tenantTicketSystem } from './tenant-ticket-system.ts';

/** The principal the sync acts as in the audit trail and on held actions. */
export const ITSM_SYNC_AGENT = 'itsm-sync';

/** A tenant's ticketing system behind its policy gate: the only way the sync writes. */
export interface ItsmTenant {
  tenantId: string;
  settings: ItsmTenantSettings;
  toolbox(run: RunContextInput): Toolbox;
  /**
   * The latest time the ITSM asked casebook to wait until (Retry-After) since the last
   * call of this method, or null; each call forgets what it returns.
   */
  takeRetryNotBefore(): number | null;
}

export function createItsmTenant({
  db,
  tenantId,
  settings,
  tickets,
  policy,
  policySource,
  clock,
  logger = silentLogger,
  audit,
}: {
  db: CasebookDb;
  tenantId: string;
  settings: ItsmTenantSettings;
  tickets: TicketSystem;
  policy: Policy;
  policySource?: string;
  clock: Clock;
  logger?: Logger;
  audit?: AuditTrail;
}): ItsmTenant {
  const throttle = tenantTicketSystem({ db, tenantId, tickets, clock });
  // Built once, so a policy naming an unknown tool fails here, at start-up.
  const gate = createToolGate({
    db,
    tenantId,
    registry: createItsmRegistry(),
    capabilities: itsmCapabilities(throttle.tickets),
    policy,
    policySource,
    clock,
    logger,
    audit,
    // The ticket system answers at once; a short check keeps a failing sync quick.
    timing: { timeoutMs: 5_000, pollMs: 500 },
    // A held ticket write remembers which ITSM it was asked on, and runs only there.
    consoleUrl: settings.baseUrl,
  });

  return {
    tenantId,
    settings,
    toolbox: (run) => gate.toolbox(run),
    takeRetryNotBefore: () => throttle.take(),
  };
}
