import type { CasebookDb } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { createOutboxWorker } from '../../itsm/outbox/outbox-worker.ts';
import type { RecordedStatus } from '../../itsm/record-case-status.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { printable } from '../../lib/printable.ts';
import type { AuditTrail } from '../../policy/audit/audit-trail.ts';
import { canonicalPrincipalId } from '../../policy/identity/canonical-principal-id.ts';
import type { CommandContext } from '../command.ts';
import { localAccount } from '../local-account.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, tenantAuditTrail } from './actions-context.ts';
import { openCaseDemoStore } from './case-demo-store.ts';
import { withItsmSession } from './with-itsm-session.ts';

export type DemoSystem = 'servicenow' | 'jira';

/** The options `casebook case status` and `casebook case note` share. */
export const CASE_CHANGE_OPTIONS = {
  tenant: { type: 'string', default: DEFAULT_TENANT_ID },
  by: { type: 'string' },
  'change-id': { type: 'string' },
  demo: { type: 'string' },
} as const;

export function parseCaseId(text: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) throw new UsageError('the threat id must be a plain id');
  return text;
}

/** An event id that can key the outbox row and the ticket note's marker. */
export function parseChangeId(text: string | undefined): string | undefined {
  if (text !== undefined && !/^[A-Za-z0-9:._-]{1,100}$/.test(text)) {
    throw new UsageError('--change-id takes up to 100 letters, digits and : . _ -');
  }
  return text;
}

export function parseDemo(value: string | undefined): DemoSystem | undefined {
  if (value !== undefined && value !== 'servicenow' && value !== 'jira') {
    throw new UsageError('--demo takes servicenow or jira');
  }
  return value;
}

/** What recording a change to a case needs besides the change itself. */
export interface CaseChange {
  db: CasebookDb;
  audit: AuditTrail;
  clock: Clock;
  tenantId: string;
  /** The principal who made the change, in canonical form. */
  by: string;
  changeId?: string;
  targetSystem: DemoSystem | null;
}

/**
 * Records one change to a case (a status, a note) with the tenant's audit trail and, for
 * a tenant with an ITSM, tries its ticket sync once now; a change that cannot be sent
 * waits in the outbox for `casebook itsm sync`. Exit status 1 when it failed for good.
 * With `demo` for a tenant without an ITSM, it syncs to an in-process simulator and
 * keeps nothing.
 */
export async function recordAndSync({
  context: { config, logger, stdout, stderr },
  caseId,
  options,
  record,
  recordedLine,
}: {
  context: Pick<CommandContext, 'config' | 'logger' | 'stdout' | 'stderr'>;
  caseId: string;
  /** The command's values of CASE_CHANGE_OPTIONS. */
  options: {
    tenant: string;
    /** The principal; the operating-system account that ran the command when absent. */
    by?: string | undefined;
    'change-id'?: string | undefined;
    demo?: string | undefined;
  };
  record(change: CaseChange): RecordedStatus;
  /** What to say once the change is on record. */
  recordedLine(changeId: string): string;
}): Promise<number> {
  const tenantId = options.tenant;
  const changeId = parseChangeId(options['change-id']);
  const demo = parseDemo(options.demo);

  // A demo's tickets vanish with its simulator: its links, outbox rows and held actions
  // go to a throwaway store, so none of them points at a ticket that no longer exists.
  const demoOnly = demo !== undefined && config.itsm[tenantId] === undefined;
  const store = demoOnly
    ? openCaseDemoStore({ config, tenantId, caseId, clock: systemClock })
    : openStore(config);
  const demoSession = demo === undefined ? {} : { demo: { tenantId, system: demo } };
  return withItsmSession({ config, logger, store, ...demoSession }, async (session) => {
    const handle = session.open(tenantId);
    const recorded = record({
      db: store.db,
      audit: handle?.audit ?? tenantAuditTrail({ store, config, tenantId }),
      clock: systemClock,
      tenantId,
      by: options.by === undefined ? localAccount() : canonicalPrincipalId(options.by),
      ...(changeId === undefined ? {} : { changeId }),
      targetSystem: handle?.tenant.settings.system ?? null,
    });

    if (!recorded.recorded) {
      stdout.write(`change ${recorded.changeId} was recorded before; nothing changed\n`);
      return 0;
    }
    stdout.write(`${recordedLine(recorded.changeId)}\n`);
    if (!recorded.queued || handle === undefined) {
      stdout.write('no ITSM is configured for this tenant, so no ticket is synced\n');
      return 0;
    }
    if (session.demo !== null) {
      stdout.write(
        `demo: syncing to the in-process ${session.demo.system} simulator ` +
          `at ${session.demo.url}\n`,
      );
    }

    const worker = createOutboxWorker({
      db: store.db,
      clock: systemClock,
      tenantFor: (id) => (id === tenantId ? handle.tenant : undefined),
      logger,
    });
    const results = await worker.drainOnce({ tenantId });
    const ours = results.filter((result) => result.id === recorded.id);
    if (ours.length === 0) {
      stdout.write(
        'ticket sync waits in the outbox behind an earlier change (casebook itsm sync)\n',
      );
    }
    for (const result of ours) {
      (result.state === 'failed_permanently' ? stderr : stdout).write(
        `ticket sync ${result.state}: ${printable(result.detail)}\n`,
      );
    }
    return ours.some((result) => result.state === 'failed_permanently') ? 1 : 0;
  });
}
