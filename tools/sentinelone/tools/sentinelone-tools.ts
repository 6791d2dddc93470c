import type { ToolDefinition } from '../../registry/define-tool.ts';
import { createToolRegistry, type ToolRegistry } from '../../registry/tool-registry.ts';
import { addThreatNote } from './add-threat-note.ts';
import { connectAgents } from './connect-agents.ts';
import { disconnectAgents } from './disconnect-agents.ts';
import { getAgent } from './get-agent.ts';
import { getThreat } from './get-threat.ts';
import { getThreatTimeline } from './get-threat-timeline.ts';
import { listThreatEvents } from './list-threat-events.ts';
import { listThreatNotes } from './list-threat-notes.ts';
import { mitigateThreats } from './mitigate-threats.ts';
import { runDeepVisibilityQuery } from './run-deep-visibility-query.ts';
import type { SentinelOneCapabilities } from './sentinelone-capabilities.ts';
import { setAnalystVerdict } from './set-analyst-verdict.ts';
import { setIncidentStatus } from './set-incident-status.ts';

/** Every SentinelOne tool: six reads, four writes, two containment actions. */
export const SENTINELONE_TOOLS: readonly ToolDefinition<SentinelOneCapabilities>[] = [
  getThreat,
  listThreatEvents,
  runDeepVisibilityQuery,
  getAgent,
  listThreatNotes,
  getThreatTimeline,
  addThreatNote,
  setAnalystVerdict,
  setIncidentStatus,
  mitigateThreats,
  disconnectAgents,
  connectAgents,
];

export function createSentinelOneRegistry(): ToolRegistry<SentinelOneCapabilities> {
  return createToolRegistry(SENTINELONE_TOOLS);
}
