import type { OutboxChange } from '../../itsm/outbox/outbox-change.ts';
import { createOutboxStore } from '../../itsm/outbox/outbox-store.ts';
import { createOutboxWorker, type DrainResult } from '../../itsm/outbox/outbox-worker.ts';
import { pullTicketNotes } from '../../itsm/sync/pull-ticket-notes.ts';
import { systemClock } from '../../lib/clock.ts';
import { printable } from '../../lib/printable.ts';
import type { Command } from '../command.ts';
import { integerFlag } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, parseCommandArgs } from './actions-context.ts';
import { withItsmSession } from './with-itsm-session.ts';

function line(result: DrainResult): string {
  const where = `${result.tenantId}/${result.caseId} ${result.changeId}`;
  return `${where}: ${result.state} (attempt ${result.attempts}) ${printable(result.detail)}`;
}

function stuck(change: OutboxChange): string {
  const held = change.heldActionId === null ? '' : ` [held action ${change.heldActionId}]`;
  return (
    `  ${change.tenantId}/${change.caseId} ${change.changeId} ${change.payload.kind} ` +
    `after ${change.attempts} attempt(s)${held}: ${printable(change.lastError ?? '')}`
  );
}

export const itsmSync: Command = {
  name: ['itsm', 'sync'],
  summary: 'Deliver queued ticket changes to ServiceNow or Jira and copy ticket notes back',
  usage: [
    'usage: casebook itsm sync [--tenant <id>] [--watch] [--interval-ms <n>]',
    '',
    '  Sends every change that is due once, copies notes people wrote on tickets into',
    '  casebook, then lists the changes that failed for good or wait for approval.',
    '  Exit status 1 when a change failed for good; changes held for approval are not',
    '  failures (they wait for `casebook actions approve`) and leave it 0.',
    '  --tenant  only this tenant; one without an ITSM (config key itsm.<id>) is refused',
    '  --watch  keep going until interrupted, draining every --interval-ms (default 15000)',
  ].join('\n'),
  async run({ args, config, logger, stdout, interrupted }) {
    const { values } = parseCommandArgs(
      args,
      {
        tenant: { type: 'string' },
        watch: { type: 'boolean', default: false },
        'interval-ms': { type: 'string' },
      },
      0,
    );
    const intervalMs =
      integerFlag({
        name: 'interval-ms',
        value: values['interval-ms'],
        min: 100,
        max: 3_600_000,
      }) ?? 15_000;

    const store = openStore(config);
    return withItsmSession({ config, logger, store }, async (session) => {
      if (values.tenant !== undefined && !session.tenantIds.includes(values.tenant)) {
        throw new UsageError(
          `tenant ${printable(values.tenant)} has no ITSM configured: set config key ` +
            `itsm.${printable(values.tenant)} (see "ITSM tickets" in the README)`,
        );
      }
      const tenantIds = session.tenantIds.filter(
        (id) => values.tenant === undefined || id === values.tenant,
      );
      if (tenantIds.length === 0)
        stdout.write('no tenant has an ITSM configured (config key itsm)\n');
      const worker = createOutboxWorker({
        db: store.db,
        clock: systemClock,
        tenantFor: (id) => session.open(id)?.tenant,
        logger,
      });
      const pull = async () => {
        for (const tenantId of tenantIds) {
          const handle = session.open(tenantId);
          if (handle === undefined) continue;
          const { copied, problems } = await pullTicketNotes({
            db: store.db,
            tenant: handle.tenant,
            audit: handle.audit,
            clock: systemClock,
          });
          if (copied > 0)
            stdout.write(`${tenantId}: ${copied} ticket note(s) copied into casebook\n`);
          for (const problem of problems)
            stdout.write(`${tenantId}: notes not read: ${printable(problem)}\n`);
        }
      };

      if (values.watch) {
        const stop = new AbortController();
        void interrupted.then(() => stop.abort());
        // Ticket notes are read back on the same beat as the outbox is drained.
        const pulling = (async () => {
          while (!stop.signal.aborted) {
            await pull().catch((error: unknown) => {
              logger.warn({ error: String(error) }, 'itsm sync: ticket notes could not be read');
            });
            await systemClock.sleep(intervalMs, stop.signal).catch(() => {});
          }
        })();
        await worker.watch({
          signal: stop.signal,
          intervalMs,
          onResult: (result) => stdout.write(`${line(result)}\n`),
        });
        stop.abort();
        await pulling;
        return 0;
      }

      const results = await worker.drainOnce({ tenantId: values.tenant });
      for (const result of results) stdout.write(`${line(result)}\n`);
      if (results.length === 0) stdout.write('nothing due in the outbox\n');
      await pull();

      const outbox = createOutboxStore({ db: store.db });
      const failed = outbox.list({ tenantId: values.tenant, states: ['failed_permanently'] });
      const held = outbox.list({ tenantId: values.tenant, states: ['held'] });
      const pending = outbox.list({ tenantId: values.tenant, states: ['pending'] });
      if (pending.length > 0) stdout.write(`${pending.length} change(s) pending a later attempt\n`);
      if (held.length > 0)
        stdout.write(`held for approval (casebook actions list):\n${held.map(stuck).join('\n')}\n`);
      if (failed.length > 0) stdout.write(`FAILED for good:\n${failed.map(stuck).join('\n')}\n`);
      return failed.length > 0 ? 1 : 0;
    });
  },
};
