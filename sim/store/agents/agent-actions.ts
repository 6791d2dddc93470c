import { recordActivity } from '../activities/activity-log.ts';
import type { SimUser } from '../identity/sim-users.ts';
import type { SimStore } from '../open-sim-store.ts';
import { type NetworkAction, startNetworkChange } from './agent-network.ts';
import { type AgentFilter, matchAgents } from './agent-queries.ts';

/**
 * `POST /agents/actions/disconnect|connect`. Every matched agent counts as affected and
 * gets an activity; with `apply` off the console answers as if it acted but the network
 * status never moves, which is what tests of "verify after acting" need.
 */
export function applyNetworkAction(
  store: SimStore,
  {
    filter,
    action,
    user,
    delayMs,
    apply,
  }: {
    filter: AgentFilter;
    action: NetworkAction;
    user: SimUser;
    delayMs: number;
    apply: boolean;
  },
): number {
  return store.db.transaction(() => {
    const agents = matchAgents(store, filter);
    for (const agent of agents) {
      if (apply) {
        startNetworkChange(store, { agentId: agent.id, action, delayMs });
      }
      const verb = action === 'disconnect' ? 'disconnect from network' : 'reconnect to network';
      const who = `The management user ${user.fullName} (${user.email})`;
      recordActivity(store, {
        type: action === 'disconnect' ? 'agentDisconnected' : 'agentConnected',
        user,
        agentId: agent.id,
        primary: `${who} issued a ${verb} command to ${agent.computer_name}.`,
        data: { computerName: agent.computer_name, action },
      });
    }
    return agents.length;
  })();
}
