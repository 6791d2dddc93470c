import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RunQueue } from '../runs/run-queue.ts';
import type { TenantRuntimes } from '../runs/tenant-runtimes.ts';
import { readPollerCursor, savePollerCursor } from '../store/poller-cursors.ts';

export interface ThreatPoller {
  /** One pass over a tenant's new threats; returns how many it saw and queued. */
  pollTenant(tenantId: string): Promise<{ seen: number; queued: number; cursor: string }>;
  /** Polls every tenant now and then every `intervalMs`, one pass at a time. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The optional poller of `casebook serve`: per tenant, `GET /threats?createdAt__gte=`
 * the newest `createdAt` it queued, oldest first, page by page through the tenant's
 * client (which waits out 429 and Retry-After). Each threat is queued once, as the
 * delivery `poller:<id>`, and the cursor is stored after each page, so a restart
 * carries on where it stopped. A tenant's first poll looks back `lookbackMs`.
 */
export function createThreatPoller({
  db,
  tenants,
  queue,
  clock,
  logger,
  intervalMs,
  lookbackMs,
}: {
  db: CasebookDb;
  tenants: TenantRuntimes;
  queue: RunQueue;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  lookbackMs: number;
}): ThreatPoller {
  const shutdown = new AbortController();
  let loop: Promise<void> | undefined;

  const pollTenant: ThreatPoller['pollTenant'] = async (tenantId) => {
    const runtime = tenants.get(tenantId);
    if (runtime === undefined) throw new Error(`tenant ${tenantId} has no console`);
    let cursor = readPollerCursor(db, tenantId) ?? new Date(clock.now() - lookbackMs).toISOString();
    let seen = 0;
    let queued = 0;

    const pages = runtime.client.iterateThreats({
      // At or after: a threat created in the same instant as the last one seen, but listed
      // only after that pass, is still found; its delivery key keeps it to one run.
      createdAt__gte: cursor,
      sortBy: 'createdAt',
      sortOrder: 'asc',
      limit: 100,
      signal: shutdown.signal,
    });
    for await (const page of pages) {
      for (const threat of page.items) {
        seen += 1;
        const { outcome } = queue.request({
          tenantId,
          caseId: threat.id,
          trigger: 'poller',
          requestedBy: 'poller',
          delivery: { key: `poller:${threat.id}` },
        });
        if (outcome === 'created') queued += 1;
        const created = threat.threatInfo.createdAt;
        if (Date.parse(created) > Date.parse(cursor)) cursor = created;
      }
      savePollerCursor(db, { tenantId, createdAfter: cursor, now: clock.now() });
    }

    return { seen, queued, cursor };
  };

  const passOverTenants = async () => {
    for (const tenantId of tenants.tenantIds()) {
      try {
        const result = await pollTenant(tenantId);
        if (result.queued > 0) logger.info({ tenantId, ...result }, 'poller: queued new threats');
      } catch (error) {
        if (shutdown.signal.aborted) return;
        logger.warn({ err: error, tenantId }, 'poller: a pass failed; it is tried again later');
      }
    }
  };

  return {
    pollTenant,
    start() {
      loop ??= (async () => {
        while (!shutdown.signal.aborted) {
          await passOverTenants();
          await clock.sleep(intervalMs, shutdown.signal).catch(() => undefined);
        }
      })();
    },
    async stop() {
      shutdown.abort(new Error('the poller is stopping'));
      await loop;
    },
  };
}
