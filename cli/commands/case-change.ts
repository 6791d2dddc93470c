import type { Config } from '../../config/config-schema.ts';
import { type CasebookDb, openDatabase } from '../../db/open-database.ts';
import { openItsmSession } from '../../itsm/itsm-session.ts';
import { createOutboxWorker } from '../../itsm/outbox/outbox-worker.ts';
import type { RecordedStatus } from '../../itsm/record-case-status.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { printable } from '../../lib/printable.ts';
import type { AuditTrail } from '../../policy/audit/audit-trail.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, policyDirectory, tenantAuditTrail } from './actions-context.ts';

export type DemoSystem = 'servicenow' | 'jira';

/** The options `casebook case status` and `casebook case note` share. */
export const CASE_CHANGE_OPTIONS = {
  by: { type: 'string', default: process.env.USER ?? 'analyst' },
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

/**
 * Records one change to a case (a status, a note) with the tenant's audit trail and, for
 * a tenant with an ITSM, tries its ticket sync once now; a change that cannot be sent
 * waits in the outbox for `casebook itsm sync`. Exit status 1 when it failed for good.
 * With `demo` for a tenant without an ITSM, it syncs to an in-process simulator and
 * keeps nothing.
 */
export async function recordAndSync({
  config,
  logger,
  stdout,
  stderr,
  tenantId,
  demo,
  record,
  recordedLine,
}: {
  config: Config;
  logger: Logger;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  tenantId: string;
  demo: DemoSystem | undefined;
  record(input: {
    db: CasebookDb;
    audit: AuditTrail;
    targetSystem: DemoSystem | null;
  }): RecordedStatus;
  /** What to say once the change is on record. */
  recordedLine(changeId: string): string;
}): Promise<number> {
  // A demo's tickets vanish with its simulator: its links, outbox rows and held actions
  // go to a throwaway store, so none of them points at a ticket that no longer exists.
  const demoOnly = demo !== undefined && config.itsm[tenantId] === undefined;
  const store = demoOnly ? openDatabase({ path: ':memory:' }) : openStore(config);
  const session = await openItsmSession({
    db: store.db,
    config,
    policyDirectory: policyDirectory(config),
    clock: systemClock,
    logger,
    ...(demo === undefined ? {} : { demo: { tenantId, system: demo } }),
  });
  try {
    const handle = session.open(tenantId);
    const recorded = record({
      db: store.db,
      audit: handle?.audit ?? tenantAuditTrail({ store, config, tenantId }),
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
    const ours = results.filter((result) => result.changeId === recorded.changeId);
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
  } finally {
    await session.close();
    store.close();
  }
}
