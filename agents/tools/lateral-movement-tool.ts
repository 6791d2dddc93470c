import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import { findLateralMovement } from '../evidence/lateral-movement.ts';
import { caseRunOf } from '../run/case-run.ts';
import { okResult } from './agent-tool-result.ts';
import { recordLocalCall } from './record-local-call.ts';

export const FIND_LATERAL_MOVEMENT = 'find_lateral_movement';

/** Lateral movement in the run's evidence, as a tool. */
export function createLateralMovementTool() {
  return createTool({
    id: FIND_LATERAL_MOVEMENT,
    description:
      'Finds lateral movement in every event this run has fetched: commands that reach other ' +
      'machines (wmic /node, PsExec, PowerShell remoting, admin shares...), processes a ' +
      'remote-execution service started, and network logons by people from other addresses. ' +
      'Each finding cites event ids.',
    inputSchema: z.strictObject({ reason: z.string().max(500).optional() }),
    execute: async (_input, context) => {
      const run = caseRunOf(context.requestContext);
      const startedAt = run.clock.now();
      const output = findLateralMovement(run.ledger.events());
      const untrusted = [
        ...output.targets.flatMap((_, i) => [`targets[${i}].host`, `targets[${i}].from`]),
        ...output.arrivals.flatMap((_, i) => [`arrivals[${i}].process`]),
        ...output.logons.flatMap((_, i) => [`logons[${i}].user`]),
      ];
      recordLocalCall({
        run,
        agentId: context.agent?.agentId,
        tool: FIND_LATERAL_MOVEMENT,
        startedAt,
      });
      return okResult(FIND_LATERAL_MOVEMENT, output, untrusted);
    },
  });
}
