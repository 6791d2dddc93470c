import type { SpecialistId } from '../agent-id.ts';
import { createCaseFindingsTool } from './case-findings-tool.ts';
import { createEvidenceAnalysisTools } from './evidence-analysis-tools.ts';
import { createFleetSweepTool } from './fleet-sweep-tool.ts';
import { createGatedTool, type GatedToolDescription } from './gated-tool.ts';
import { createHuntCaseTool, GET_HUNT_CASE } from './hunt-case-tool.ts';
import { createLateralMovementTool } from './lateral-movement-tool.ts';
import { createNotificationTemplateTool } from './notification-template-tool.ts';

/**
 * The console tools each specialist may call, by name. Reads only: the first look's case
 * note is posted by the runtime through the same gate once the findings are checked, so
 * no model decides to write.
 */
const CONSOLE_TOOLS: Record<SpecialistId, readonly string[]> = {
  timeline: ['get_threat', 'list_threat_events', 'run_deep_visibility_query', 'get_agent'],
  triage: [
    'get_threat',
    'list_threat_events',
    'get_agent',
    'list_threat_notes',
    'get_threat_timeline',
    'run_deep_visibility_query',
  ],
  comms: ['get_threat'],
  reporter: ['get_threat', 'get_threat_timeline', 'list_threat_notes'],
};

const LOCAL_TOOLS: Record<SpecialistId, readonly string[]> = {
  timeline: [
    GET_HUNT_CASE,
    'sweep_fleet',
    'build_timeline',
    'build_process_tree',
    'extract_iocs',
    'find_lateral_movement',
    'pack_evidence',
  ],
  triage: [
    GET_HUNT_CASE,
    'get_case_findings',
    'map_techniques',
    'extract_iocs',
    'build_process_tree',
    'find_lateral_movement',
    'pack_evidence',
  ],
  comms: ['get_case_findings', 'get_notification_template'],
  reporter: ['get_case_findings'],
};

/**
 * A specialist's tools, keyed by the name the model calls (equal to each tool's id, so
 * the audit, the steps and the model agree on names). Console tools the gate does not
 * offer are left out.
 */
export function toolsFor({
  agentId,
  descriptions,
}: {
  agentId: SpecialistId;
  descriptions: readonly GatedToolDescription[];
}) {
  const local: Record<string, unknown> = {
    ...createEvidenceAnalysisTools(),
    find_lateral_movement: createLateralMovementTool(),
    sweep_fleet: createFleetSweepTool({ agentId }),
    [GET_HUNT_CASE]: createHuntCaseTool({ agentId }),
    get_case_findings: createCaseFindingsTool(),
    get_notification_template: createNotificationTemplateTool(),
  };
  const byName = new Map(descriptions.map((description) => [description.name, description]));

  const tools: Record<string, unknown> = {};
  for (const name of CONSOLE_TOOLS[agentId]) {
    const description = byName.get(name);
    if (description?.effect === 'read') tools[name] = createGatedTool({ agentId, description });
  }
  for (const name of LOCAL_TOOLS[agentId]) tools[name] = local[name];

  return tools as Record<string, ReturnType<typeof createGatedTool>>;
}
