import type { Config } from '../config/config-schema.ts';
import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import { type Logger, silentLogger } from '../lib/logger.ts';
import { type AuditTrail, createAuditTrail } from '../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../policy/audit/secret-redactor.ts';
import { loadTenantPolicy } from '../policy/rules/load-policy-file.ts';
import {
  type RunningItsmSimulators,
  startItsmSimulators,
} from '../sim/itsm/start-itsm-simulators.ts';
import type { TicketSystem } from '../tools/itsm/ticket-system.ts';
import { ItsmTenantSettings } from './itsm-settings.ts';
import { createItsmTenant, type ItsmTenant } from './itsm-tenant.ts';
import { openTicketSystem } from './open-ticket-system.ts';

export interface ItsmTenantHandle {
  tenant: ItsmTenant;
  tickets: TicketSystem;
  audit: AuditTrail;
}

/**
 * The ITSM side of the CLI: each configured tenant's ticket system behind its policy,
 * or, for a tenant without one when `demo` is asked for, the in-process simulators (so
 * `casebook case status` and `casebook itsm …` can be tried without an instance).
 */
export interface ItsmSession {
  /** Tenants with an ITSM (configured, or the demo tenant). */
  tenantIds: string[];
  /** Set when the session runs against the in-process simulators. */
  demo: { system: 'servicenow' | 'jira'; url: string } | null;
  open(tenantId: string): ItsmTenantHandle | undefined;
  close(): Promise<void>;
}

export async function openItsmSession({
  db,
  config,
  policyDirectory,
  clock,
  logger = silentLogger,
  env = process.env,
  demo,
}: {
  db: CasebookDb;
  config: Config;
  policyDirectory: string;
  clock: Clock;
  logger?: Logger;
  env?: Record<string, string | undefined>;
  /** Run this tenant against the simulators when it has no ITSM configured. */
  demo?: { tenantId: string; system: 'servicenow' | 'jira' };
}): Promise<ItsmSession> {
  const settingsOf = new Map<string, ItsmTenantSettings>(Object.entries(config.itsm));
  let sims: RunningItsmSimulators | null = null;
  let secrets: Record<string, string | undefined> = env;

  if (demo !== undefined && !settingsOf.has(demo.tenantId)) {
    sims = await startItsmSimulators({ clock });
    const sim = demo.system === 'servicenow' ? sims.servicenow : sims.jira;
    secrets = { ...env, CASEBOOK_DEMO_ITSM_SECRET: sim.user.secret };
    settingsOf.set(
      demo.tenantId,
      ItsmTenantSettings.parse({
        system: demo.system,
        baseUrl: sim.url,
        auth: {
          kind: 'basic',
          username: sim.user.username,
          secretRef: 'env:CASEBOOK_DEMO_ITSM_SECRET',
        },
        ...(demo.system === 'jira'
          ? { jira: { projectKey: 'SEC' } }
          : { servicenow: { assignmentGroup: 'Security Operations' } }),
      }),
    );
  }

  const opened = new Map<string, ItsmTenantHandle>();

  return {
    tenantIds: [...settingsOf.keys()],
    demo:
      sims === null || demo === undefined
        ? null
        : {
            system: demo.system,
            url: demo.system === 'jira' ? sims.jira.url : sims.servicenow.url,
          },
    open(tenantId) {
      const known = opened.get(tenantId);
      if (known !== undefined) return known;
      const settings = settingsOf.get(tenantId);
      if (settings === undefined) return undefined;

      const { policy, source } = loadTenantPolicy({ directory: policyDirectory, tenantId });
      const audit = createAuditTrail({ db, clock, redactor: createSecretRedactor(policy.redact) });
      const tickets = openTicketSystem({ settings, tenantId, env: secrets, clock, logger });
      const tenant = createItsmTenant({
        db,
        tenantId,
        settings,
        tickets,
        policy,
        policySource: source,
        clock,
        logger,
        audit,
      });
      const handle = { tenant, tickets, audit };
      opened.set(tenantId, handle);
      return handle;
    },
    close: async () => {
      await sims?.close();
    },
  };
}
