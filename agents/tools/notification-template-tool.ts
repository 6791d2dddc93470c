import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import { caseRunOf } from '../run/case-run.ts';
import { okResult } from './agent-tool-result.ts';
import { recordLocalCall } from './record-local-call.ts';

export const GET_NOTIFICATION_TEMPLATE = 'get_notification_template';

/** The tenant's notification template (tone, sections, sign-off) as a tool. */
export function createNotificationTemplateTool() {
  return createTool({
    id: GET_NOTIFICATION_TEMPLATE,
    description:
      "Returns the tenant's customer notification template: tone, subject line, greeting, " +
      'the sections in order with their headings, sign-off and how many indicators to list.',
    inputSchema: z.strictObject({ reason: z.string().max(500).optional() }),
    execute: async (_input, context) => {
      const run = caseRunOf(context.requestContext);
      recordLocalCall({
        run,
        agentId: context.agent?.agentId,
        tool: GET_NOTIFICATION_TEMPLATE,
        startedAt: run.clock.now(),
      });
      return okResult(GET_NOTIFICATION_TEMPLATE, run.template);
    },
  });
}
