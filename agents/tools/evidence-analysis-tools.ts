import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import {
  BUILD_PROCESS_TREE_TOOL,
  BUILD_TIMELINE_TOOL,
  type EvidenceEvent,
  EXTRACT_IOCS_TOOL,
  evidencePackOf,
  iocReportOf,
  MAP_TECHNIQUES_TOOL,
  PACK_EVIDENCE_TOOL,
  processTreeOf,
  techniqueMappingOf,
  timelineOf,
} from '../../tools/analysis/index.ts';
import { caseRunOf } from '../run/case-run.ts';
import { type AgentToolResult, okResult } from './agent-tool-result.ts';
import { recordLocalCall } from './record-local-call.ts';

const Reason = z.string().max(500).optional().describe('why you make this call');
const Endpoint = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('only events of this endpoint (its name); all endpoints when absent');

const SCOPE = ' It reads every event this run has fetched so far (storyline and queries).';

function scoped(events: readonly EvidenceEvent[], endpoint: string | undefined) {
  if (endpoint === undefined) return events;
  const wanted = endpoint.toLowerCase();
  return events.filter((event) => (event.endpoint.name ?? '').toLowerCase() === wanted);
}

/**
 * The deterministic analysis as tools over the run's evidence. The model passes options,
 * never events: the events are the ones the gate fetched, so what the analysis cites is
 * what the run holds.
 */
export function createEvidenceAnalysisTools() {
  return {
    build_timeline: createTool({
      id: BUILD_TIMELINE_TOOL.name,
      description: BUILD_TIMELINE_TOOL.description + SCOPE,
      inputSchema: z.strictObject({
        maxEntries: z.number().int().min(5).max(100).default(40),
        endpoint: Endpoint,
        reason: Reason,
      }),
      execute: async ({ maxEntries, endpoint }, context): Promise<AgentToolResult> => {
        const run = caseRunOf(context.requestContext);
        const startedAt = run.clock.now();
        const output = timelineOf(scoped(run.ledger.events(), endpoint), { maxEntries });
        recordLocalCall({
          run,
          agentId: context.agent?.agentId,
          tool: BUILD_TIMELINE_TOOL.name,
          startedAt,
        });
        return okResult(BUILD_TIMELINE_TOOL.name, output, BUILD_TIMELINE_TOOL.untrusted(output));
      },
    }),

    build_process_tree: createTool({
      id: BUILD_PROCESS_TREE_TOOL.name,
      description: BUILD_PROCESS_TREE_TOOL.description + SCOPE,
      inputSchema: z.strictObject({
        maxDepth: z.number().int().min(1).max(32).default(12),
        maxItemsPerList: z.number().int().min(1).max(50).default(8),
        endpoint: Endpoint,
        reason: Reason,
      }),
      execute: async ({ maxDepth, maxItemsPerList, endpoint }, context) => {
        const run = caseRunOf(context.requestContext);
        const startedAt = run.clock.now();
        const output = processTreeOf(scoped(run.ledger.events(), endpoint), {
          maxDepth,
          maxItemsPerList,
        });
        recordLocalCall({
          run,
          agentId: context.agent?.agentId,
          tool: BUILD_PROCESS_TREE_TOOL.name,
          startedAt,
        });
        return okResult(
          BUILD_PROCESS_TREE_TOOL.name,
          output,
          BUILD_PROCESS_TREE_TOOL.untrusted(output),
        );
      },
    }),

    extract_iocs: createTool({
      id: EXTRACT_IOCS_TOOL.name,
      description: EXTRACT_IOCS_TOOL.description + SCOPE,
      inputSchema: z.strictObject({
        maxEventIds: z.number().int().min(1).max(50).default(10),
        endpoint: Endpoint,
        reason: Reason,
      }),
      execute: async ({ maxEventIds, endpoint }, context) => {
        const run = caseRunOf(context.requestContext);
        const startedAt = run.clock.now();
        const output = iocReportOf(scoped(run.ledger.events(), endpoint), { maxEventIds });
        recordLocalCall({
          run,
          agentId: context.agent?.agentId,
          tool: EXTRACT_IOCS_TOOL.name,
          startedAt,
        });
        return okResult(EXTRACT_IOCS_TOOL.name, output, EXTRACT_IOCS_TOOL.untrusted(output));
      },
    }),

    map_techniques: createTool({
      id: MAP_TECHNIQUES_TOOL.name,
      description: MAP_TECHNIQUES_TOOL.description + SCOPE,
      inputSchema: z.strictObject({
        minConfidence: z.number().min(0).max(1).default(0),
        maxEventIds: z.number().int().min(1).max(50).default(25),
        endpoint: Endpoint,
        reason: Reason,
      }),
      execute: async ({ minConfidence, maxEventIds, endpoint }, context) => {
        const run = caseRunOf(context.requestContext);
        const startedAt = run.clock.now();
        const output = techniqueMappingOf(scoped(run.ledger.events(), endpoint), {
          minConfidence,
          maxEventIds,
        });
        recordLocalCall({
          run,
          agentId: context.agent?.agentId,
          tool: MAP_TECHNIQUES_TOOL.name,
          startedAt,
        });
        return okResult(MAP_TECHNIQUES_TOOL.name, output, MAP_TECHNIQUES_TOOL.untrusted(output));
      },
    }),

    pack_evidence: createTool({
      id: PACK_EVIDENCE_TOOL.name,
      description: PACK_EVIDENCE_TOOL.description + SCOPE,
      inputSchema: z.strictObject({
        budgetTokens: z.number().int().min(400).max(16_000).default(6_000),
        endpoint: Endpoint,
        reason: Reason,
      }),
      execute: async ({ budgetTokens, endpoint }, context) => {
        const run = caseRunOf(context.requestContext);
        const startedAt = run.clock.now();
        const output = evidencePackOf(scoped(run.ledger.events(), endpoint), { budgetTokens });
        recordLocalCall({
          run,
          agentId: context.agent?.agentId,
          tool: PACK_EVIDENCE_TOOL.name,
          startedAt,
        });
        return okResult(PACK_EVIDENCE_TOOL.name, output, PACK_EVIDENCE_TOOL.untrusted(output));
      },
    }),
  };
}
