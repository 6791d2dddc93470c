import type { SimStore } from '../open-sim-store.ts';
import { cachedStatement } from '../sql/cached-statement.ts';

/**
 * Completes network changes whose delay has passed. Reads call this first, so an agent
 * reports `disconnecting` until the injected clock reaches the due time, then
 * `disconnected`, without a timer running in the background.
 */
export function settleNetworkStatus(store: SimStore): void {
  cachedStatement(
    store.db,
    `UPDATE agents SET network_status = pending_network_status, updated_at = pending_due_at,
       pending_network_status = NULL, pending_due_at = NULL
     WHERE pending_network_status IS NOT NULL AND pending_due_at <= ?`,
  ).run(store.clock.now());
}

const TRANSITIONS = {
  disconnect: { during: 'disconnecting', after: 'disconnected' },
  connect: { during: 'connecting', after: 'connected' },
} as const;

export type NetworkAction = keyof typeof TRANSITIONS;

/**
 * Starts a network change on one agent: the status moves to `disconnecting` (or
 * `connecting`) now and to the final state after `delayMs`. An agent already in the
 * final state stays there.
 */
export function startNetworkChange(
  store: SimStore,
  { agentId, action, delayMs }: { agentId: string; action: NetworkAction; delayMs: number },
): void {
  const { during, after } = TRANSITIONS[action];
  const now = store.clock.now();
  if (delayMs <= 0) {
    cachedStatement(
      store.db,
      `UPDATE agents SET network_status = ?, pending_network_status = NULL,
         pending_due_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(after, now, agentId);
    return;
  }
  cachedStatement(
    store.db,
    `UPDATE agents SET network_status = ?, pending_network_status = ?, pending_due_at = ?,
       updated_at = ?
     WHERE id = ? AND NOT (network_status = ? AND pending_network_status IS NULL)`,
  ).run(during, after, now + delayMs, now, agentId, after);
}
