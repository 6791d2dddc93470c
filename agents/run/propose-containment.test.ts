import { describe, expect, it } from 'vitest';

import { createManualClock } from '../../lib/clock.ts';
import type { ToolCall, ToolCallResult } from '../../policy/gate/tool-call-result.ts';
import type { ToolGate } from '../../policy/gate/tool-gate.ts';
import type { FirstLook } from '../schemas/first-look.ts';
import { proposeContainment } from './propose-containment.ts';

/** Only the parts of a first look the proposal reads. */
const FIRST_LOOK = {
  caseId: '789015512509114196',
  triage: {
    verdict: 'true_positive',
    severity: 'critical',
    confidence: 0.99,
    affectedEndpoints: [
      { name: 'HR-WS-031', agentId: '11', role: 'origin' },
      { name: 'FILESRV-02', role: 'lateral' },
      { name: 'ACC-WS-023', agentId: '33', role: 'sweep' },
    ],
  },
} as unknown as FirstLook;

function gateAnswering(result: ToolCallResult) {
  const calls: ToolCall[] = [];
  const gate = {
    toolbox: () => ({
      call: async (call: ToolCall) => {
        calls.push(call);
        return result;
      },
    }),
  } as unknown as ToolGate;
  return { gate, calls };
}

describe('proposeContainment', () => {
  it('asks to isolate the case’s own endpoints, naming only those it isolates', async () => {
    const { gate, calls } = gateAnswering({
      status: 'executed_unverified',
      tool: 'disconnect_agents',
      message: 'the endpoint still reports connected',
    } as ToolCallResult);

    const step = await proposeContainment({
      gate,
      runId: 'run-1',
      firstLook: FIRST_LOOK,
      clock: createManualClock(),
    });

    expect(calls).toEqual([
      {
        tool: 'disconnect_agents',
        input: { agentIds: ['11'] },
        reason:
          'Isolate HR-WS-031 from the network: the first look assesses a true positive ' +
          '(critical, confidence 0.99)',
      },
    ]);
    expect(step).toMatchObject({
      status: 'ok',
      detail: 'policy allowed it, not yet verified: the endpoint still reports connected',
    });
  });
});
