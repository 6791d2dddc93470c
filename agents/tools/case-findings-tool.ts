import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import { caseRunOf } from '../run/case-run.ts';
import { okResult } from './agent-tool-result.ts';
import { recordLocalCall } from './record-local-call.ts';
import { untrustedStringPaths } from './untrusted-string-paths.ts';

export const GET_CASE_FINDINGS = 'get_case_findings';

/** The specialists' checked answers so far in this run, for the ones that build on them. */
export function createCaseFindingsTool() {
  return createTool({
    id: GET_CASE_FINDINGS,
    description:
      'Returns what the other specialists found in this run, already checked: the timeline ' +
      '(ordered events, process tree, IOCs, fleet sweep), the triage finding (verdict, ' +
      'techniques, root cause, affected assets) and the notification draft, where present.',
    inputSchema: z.strictObject({ reason: z.string().max(500).optional() }),
    execute: async (_input, context) => {
      const run = caseRunOf(context.requestContext);
      const output = {
        caseId: run.caseId,
        timeline: run.answers.timeline ?? null,
        triage: run.answers.triage ?? null,
        notification: run.answers.comms ?? null,
      };
      recordLocalCall({
        run,
        agentId: context.agent?.agentId,
        tool: GET_CASE_FINDINGS,
        startedAt: run.clock.now(),
      });
      return okResult(GET_CASE_FINDINGS, output, untrustedStringPaths(output));
    },
  });
}
