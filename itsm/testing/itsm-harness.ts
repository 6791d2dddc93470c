import { type CasebookDb, type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { cases } from '../../db/schema.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createAuditTrail } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import { createHeldActions, type HeldActions } from '../../policy/held-actions/held-actions.ts';
import { upsertPrincipal } from '../../policy/identity/principals.ts';
import { DEFAULT_POLICY, type Policy } from '../../policy/rules/policy-file.ts';
import type { RunningItsmSimulators } from '../../sim/itsm/start-itsm-simulators.ts';
import { createToolRegistry } from '../../tools/registry/tool-registry.ts';
import type { CaseStatus } from '../case-status.ts';
import { itsmActionTools } from '../itsm-action-tools.ts';
import { ItsmTenantSettings } from '../itsm-settings.ts';
import { createItsmTenant, type ItsmTenant } from '../itsm-tenant.ts';
import { openTicketSystem } from '../open-ticket-system.ts';
import { createOutboxStore } from '../outbox/outbox-store.ts';
import { createOutboxWorker } from '../outbox/outbox-worker.ts';
import { recordCaseNote } from '../record-case-note.ts';
import { recordCaseStatus } from '../record-case-status.ts';

export const TENANT = 'acme';

/** Stores a case as one casebook analysed (without a first look), as a run would. */
export function seeCase(
  db: CasebookDb,
  { tenantId, caseId, now }: { tenantId: string; caseId: string; now: number },
): void {
  db.insert(cases)
    .values({ tenantId, id: caseId, firstSeenAt: now, updatedAt: now, headline: 'a test case' })
    .onConflictDoNothing()
    .run();
}

/** The settings that point a tenant at one of the running simulators. */
export function simSettings(
  sims: RunningItsmSimulators,
  system: 'servicenow' | 'jira',
  jira: Record<string, unknown> = {},
): { settings: ItsmTenantSettings; env: Record<string, string> } {
  const sim = system === 'servicenow' ? sims.servicenow : sims.jira;
  const common = {
    baseUrl: sim.url,
    auth: { kind: 'basic' as const, username: sim.user.username, secretRef: 'env:ITSM_SECRET' },
    sync: { caseUrl: 'https://casebook.example/cases/{caseId}', maxAttempts: 5 },
    timeoutMs: 2_000,
  };
  const settings = ItsmTenantSettings.parse(
    system === 'servicenow'
      ? { system, ...common, servicenow: { assignmentGroup: 'Security Operations' } }
      : { system, ...common, jira: { projectKey: 'SEC', ...jira } },
  );
  return { settings, env: { ITSM_SECRET: sim.user.secret } };
}

/**
 * A casebook store with one tenant wired to a running ITSM simulator: record statuses,
 * drain the outbox, reopen the store from its file as a restart would.
 */
export function createItsmHarness({
  sims,
  system,
  path = ':memory:',
  policy = DEFAULT_POLICY,
  jira,
}: {
  sims: RunningItsmSimulators;
  system: 'servicenow' | 'jira';
  path?: string;
  policy?: Policy;
  /** Jira settings over the default project, e.g. a service desk. */
  jira?: Record<string, unknown>;
}) {
  const clock = createManualClock(Date.UTC(2026, 2, 1, 9));
  const { settings, env } = simSettings(sims, system, jira);
  let store: OpenDatabase = openDatabase({ path });

  const build = () => {
    const audit = createAuditTrail({
      db: store.db,
      clock,
      redactor: createSecretRedactor(policy.redact),
    });
    const tenant: ItsmTenant = createItsmTenant({
      db: store.db,
      tenantId: TENANT,
      settings,
      tickets: openTicketSystem({ settings, env, clock }),
      policy,
      clock,
      audit,
    });
    const worker = createOutboxWorker({
      db: store.db,
      clock,
      tenantFor: (id) => (id === TENANT ? tenant : undefined),
      random: () => 0.5,
    });
    return { audit, tenant, worker };
  };
  let parts = build();

  return {
    clock,
    settings,
    get db() {
      return store.db;
    },
    get tenant() {
      return parts.tenant;
    },
    get audit() {
      return parts.audit;
    },
    /** Stores the case as one casebook analysed, so changes to it are accepted. */
    seeCase(caseId: string) {
      seeCase(store.db, { tenantId: TENANT, caseId, now: clock.now() });
    },
    /** Records a status on the case, which it first sees as analysed. */
    setStatus(caseId: string, status: CaseStatus, changeId?: string) {
      seeCase(store.db, { tenantId: TENANT, caseId, now: clock.now() });
      return recordCaseStatus({
        db: store.db,
        audit: parts.audit,
        clock,
        tenantId: TENANT,
        caseId,
        status,
        by: 'alice@example.com',
        changeId,
        targetSystem: system,
      });
    },
    addNote(caseId: string, text: string, changeId?: string) {
      return recordCaseNote({
        db: store.db,
        audit: parts.audit,
        clock,
        tenantId: TENANT,
        caseId,
        text,
        by: 'alice@example.com',
        changeId,
        targetSystem: system,
      });
    },
    /**
     * The tenant's held actions with the ticket tools behind them as the API and the CLI
     * build them, and `approver` granted.
     */
    heldActions(approver = 'bob@example.com'): HeldActions {
      upsertPrincipal({
        db: store.db,
        clock,
        audit: parts.audit,
        grantedBy: 'test',
        principal: { tenantId: TENANT, id: approver, role: 'analyst' },
      });
      const itsm = itsmActionTools({ db: store.db, settings, tenantId: TENANT, env, clock });
      return createHeldActions({
        db: store.db,
        tenantId: TENANT,
        registry: createToolRegistry(itsm.tools),
        capabilities: itsm.capabilities,
        audit: parts.audit,
        clock,
      });
    },
    drain: () => parts.worker.drainOnce(),
    outbox: () => createOutboxStore({ db: store.db }).list({}),
    /** Closes the store and opens the same file again, with fresh workers. */
    restart() {
      store.close();
      store = openDatabase({ path });
      parts = build();
    },
    close: () => store.close(),
  };
}
