import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { backoffDelay } from '../../tools/sentinelone/transport/retry-delay.ts';
import type { ItsmTenant } from '../itsm-tenant.ts';
import { deliverChange } from '../sync/deliver-change.ts';
import type { DeliveryOutcome } from '../sync/delivery-outcome.ts';
import type { OutboxState } from './outbox-change.ts';
import { createOutboxStore } from './outbox-store.ts';
import { settleHeldChanges } from './settle-held-changes.ts';

export interface DrainResult {
  /** The outbox row (the change's record id). */
  id: string;
  /** The caller's change id. */
  changeId: string;
  tenantId: string;
  caseId: string;
  state: OutboxState;
  attempts: number;
  detail: string;
}

export interface OutboxWorker {
  /** Sends every change due now, once each; changes that fail wait for their next turn. */
  drainOnce(options?: { tenantId?: string; signal?: AbortSignal }): Promise<DrainResult[]>;
  /** Drains, sleeps, drains again until the signal fires. */
  watch(options: {
    signal: AbortSignal;
    intervalMs: number;
    onResult?(result: DrainResult): void;
  }): Promise<void>;
}

/**
 * Delivers the outbox: rows are claimed with a lease, sent through the tenant's gate,
 * and settled as delivered, held, failed for good (a refusal, a denial, or too many
 * attempts), or pending again after an exponential, jittered wait that is never shorter
 * than the ITSM's Retry-After. Each pass first settles held rows whose action people
 * have decided on. The outbox lives in SQLite, so a worker started after a crash picks
 * up whatever was pending.
 */
export function createOutboxWorker({
  db,
  clock,
  tenantFor,
  logger = silentLogger,
  random = Math.random,
  leaseMs = 120_000,
  baseDelayMs = 2_000,
  maxDelayMs = 15 * 60_000,
}: {
  db: CasebookDb;
  clock: Clock;
  tenantFor(tenantId: string): ItsmTenant | undefined;
  logger?: Logger;
  random?: () => number;
  leaseMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}): OutboxWorker {
  const outbox = createOutboxStore({ db });

  const attempt = async (
    tenant: ItsmTenant | undefined,
    change: Parameters<typeof deliverChange>[0]['change'],
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome> => {
    if (tenant === undefined) {
      return {
        state: 'failed_permanently',
        detail: `tenant ${change.tenantId} has no ITSM configured`,
      };
    }
    if (tenant.settings.system !== change.targetSystem) {
      return {
        state: 'failed_permanently',
        detail:
          `the change targets ${change.targetSystem} ` +
          `but the tenant now uses ${tenant.settings.system}`,
      };
    }
    try {
      return await deliverChange({ db, tenant, change, clock, signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      // casebook's own failure: keep the change and try again later.
      return {
        state: 'retry',
        detail: `casebook failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };

  const drainOnce: OutboxWorker['drainOnce'] = async ({ tenantId, signal } = {}) => {
    const results: DrainResult[] = settleHeldChanges({ db, clock, tenantId }).map(
      ({ change, state, detail }) => ({
        id: change.id,
        changeId: change.changeId,
        tenantId: change.tenantId,
        caseId: change.caseId,
        state,
        attempts: change.attempts,
        detail,
      }),
    );
    const done = new Set<string>();

    for (;;) {
      signal?.throwIfAborted();
      const claimed = outbox
        .claimDue({ now: clock.now(), leaseMs, limit: 20, tenantId })
        .filter((change) => !done.has(change.id));
      if (claimed.length === 0) return results;

      for (const change of claimed) {
        done.add(change.id);
        const { leaseToken } = change;
        const tenant = tenantFor(change.tenantId);
        const outcome = await attempt(tenant, change, signal);
        const attempts = change.attempts + 1;
        const maxAttempts = tenant?.settings.sync.maxAttempts ?? 1;
        const now = clock.now();

        let state: OutboxState;
        let detail = outcome.detail;
        let settled: boolean;
        if (outcome.state === 'retry' && attempts >= maxAttempts) {
          state = 'failed_permanently';
          detail = `gave up after ${attempts} attempts: ${outcome.detail}`;
          settled = outbox.settle(change.id, { leaseToken, state, now, lastError: detail });
        } else if (outcome.state === 'retry') {
          state = 'pending';
          const waitMs = Math.max(
            baseDelayMs / 2,
            backoffDelay(attempts, { baseMs: baseDelayMs, maxMs: maxDelayMs, random }),
            // The ITSM said when to come back; sooner only earns a longer wait.
            (outcome.notBefore ?? 0) - now,
          );
          settled = outbox.settle(change.id, {
            leaseToken,
            state,
            now,
            nextAttemptAt: now + waitMs,
            lastError: detail,
          });
          detail = `${detail}; next attempt in ${Math.ceil(waitMs / 1000)} s`;
        } else {
          state = outcome.state;
          settled = outbox.settle(change.id, {
            leaseToken,
            state,
            now,
            lastError: state === 'delivered' ? null : detail,
            heldActionId: outcome.state === 'held' ? outcome.heldActionId : null,
          });
        }
        if (!settled) {
          // The attempt outlived its lease and another worker claimed the change: that
          // claim records the outcome, this one must not overwrite it.
          state = outbox.get(change.id)?.state ?? 'pending';
          detail = `lease lost to another worker; its outcome is not recorded (${detail})`;
        }
        logger.info({ changeId: change.changeId, state, attempts, settled }, 'itsm change');
        results.push({
          id: change.id,
          changeId: change.changeId,
          tenantId: change.tenantId,
          caseId: change.caseId,
          state,
          attempts,
          detail,
        });
      }
    }
  };

  return {
    drainOnce,
    async watch({ signal, intervalMs, onResult }) {
      while (!signal.aborted) {
        for (const result of await drainOnce({ signal })) onResult?.(result);
        try {
          await clock.sleep(intervalMs, signal);
        } catch {
          return;
        }
      }
    },
  };
}
