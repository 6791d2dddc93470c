import type { Agent } from '@mastra/core/agent';

import type { SpecialistId } from '../agent-id.ts';
import { COMMS_INSTRUCTIONS } from '../instructions/comms-instructions.ts';
import { REPORTER_INSTRUCTIONS } from '../instructions/reporter-instructions.ts';
import { TIMELINE_INSTRUCTIONS } from '../instructions/timeline-instructions.ts';
import { TRIAGE_INSTRUCTIONS } from '../instructions/triage-instructions.ts';
import type { GatedToolDescription } from '../tools/gated-tool.ts';
import { createSpecialist } from './create-specialist.ts';

const SPECS: Record<SpecialistId, { description: string; instructions: string }> = {
  timeline: {
    description:
      'Builds the case timeline: storyline events in order, process tree, indicators with ' +
      'routine infrastructure filtered out, and a fleet sweep for them. Answers with a ' +
      'Timeline JSON object. Give it the threat id.',
    instructions: TIMELINE_INSTRUCTIONS,
  },
  triage: {
    description:
      'Triages the case: verdict, confidence, severity, ATT&CK techniques, root cause, ' +
      'affected endpoints and users, lateral movement, recommended next steps, all citing ' +
      'events. Answers with a TriageFinding JSON object. Give it the threat id.',
    instructions: TRIAGE_INSTRUCTIONS,
  },
  comms: {
    description:
      "Drafts the customer notification from the checked findings in the tenant's template. " +
      'Answers with a NotificationDraft JSON object. Run it after triage.',
    instructions: COMMS_INSTRUCTIONS,
  },
  reporter: {
    description:
      'Writes the post-incident report as Markdown from the checked findings. Answers with an ' +
      'IncidentReport JSON object. Run it last, when a report is asked for.',
    instructions: REPORTER_INSTRUCTIONS,
  },
};

/** The four specialists, built over the gate's tool descriptions. */
export function createSpecialistAgents(
  descriptions: readonly GatedToolDescription[],
): Record<SpecialistId, Agent> {
  const agent = (id: SpecialistId) => createSpecialist({ id, ...SPECS[id], descriptions });
  return {
    timeline: agent('timeline'),
    triage: agent('triage'),
    comms: agent('comms'),
    reporter: agent('reporter'),
  };
}
