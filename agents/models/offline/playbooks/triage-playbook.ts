import type { IocReport, ProcessTree, TechniqueMapping } from '../../../../tools/analysis/index.ts';
import { isHuntCaseId } from '../../../evidence/hunt-case.ts';
import type { LateralMovement } from '../../../evidence/lateral-movement.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import { GET_HUNT_CASE, type HuntCaseOutcome } from '../../../tools/hunt-case-tool.ts';
import type { AgentView, StorylineCoverage, ThreatView } from '../case-views.ts';
import { blockingProblem, caseIdOf, outputOf } from '../conversation.ts';
import { answer, call, cannotContinue, once, type Playbook, type Turn } from '../playbook.ts';
import { writeTriageFinding } from '../writers/write-triage-finding.ts';
import { gatherStoryline } from './gather-storyline.ts';

/**
 * The threat and its storyline: when the timeline specialist already read the storyline
 * in this run, its events are in the run's evidence and are not fetched again.
 */
function readCase(
  conversation: Parameters<Playbook>[0],
  threatId: string,
): { next: Turn } | { threat: ThreatView; coverage: StorylineCoverage; timeline?: Timeline } {
  const findings = conversation.tools.includes('get_case_findings')
    ? outputOf<{ timeline: Timeline | null }>(conversation, 'get_case_findings')
    : undefined;
  const asked = once(conversation, 'get_case_findings', () =>
    call('get_case_findings', {}, 'what the timeline specialist found'),
  );
  if (asked !== undefined) return { next: asked };

  const timeline = findings?.timeline ?? undefined;
  const hunt = isHuntCaseId(threatId);
  const threat = hunt
    ? outputOf<HuntCaseOutcome>(conversation, GET_HUNT_CASE)?.case
    : outputOf<ThreatView>(conversation, 'get_threat');
  if (timeline !== undefined && threat !== undefined) {
    const { events, truncated, unreadableEvents } = timeline.storyline;
    return { threat, coverage: { events, truncated, unreadable: unreadableEvents }, timeline };
  }
  if (timeline !== undefined) {
    return {
      next: hunt
        ? call(GET_HUNT_CASE, {}, 'read the case: the promoted hunt')
        : call('get_threat', { threatId }, 'read the case: the threat that fired'),
    };
  }
  return gatherStoryline(conversation, threatId);
}

/**
 * The triage specialist: what the timeline specialist found (its storyline and sweep are
 * in the run's evidence), the threat and its endpoint, then techniques, indicators, the
 * process tree and lateral movement over everything the run fetched, weighed into a
 * verdict (see `assessVerdict`).
 */
export const triagePlaybook: Playbook = (conversation) => {
  const problem = blockingProblem(conversation);
  if (problem !== undefined) return cannotContinue(problem);
  const threatId = caseIdOf(conversation);
  if (threatId === undefined) return cannotContinue('the task names no case id');

  const read = readCase(conversation, threatId);
  if ('next' in read) return read.next;
  const { threat, coverage } = read;

  // A hunt's endpoint is known by name only when its events carry no agent id.
  const next =
    (threat.agentId === ''
      ? undefined
      : once(conversation, 'get_agent', () =>
          call('get_agent', { agentId: threat.agentId }, 'the endpoint the threat fired on'),
        )) ??
    once(conversation, 'map_techniques', () =>
      call('map_techniques', { maxEventIds: 10 }, 'ATT&CK techniques in the evidence'),
    ) ??
    once(conversation, 'extract_iocs', () =>
      call('extract_iocs', { maxEventIds: 5 }, "the case's indicators"),
    ) ??
    once(conversation, 'build_process_tree', () =>
      call('build_process_tree', { maxDepth: 16, maxItemsPerList: 5 }, 'process lineage'),
    ) ??
    once(conversation, 'find_lateral_movement', () =>
      call('find_lateral_movement', {}, 'movement between endpoints'),
    );
  if (next !== undefined) return next;

  const techniques = outputOf<TechniqueMapping>(conversation, 'map_techniques');
  const iocs = outputOf<IocReport>(conversation, 'extract_iocs');
  const tree = outputOf<ProcessTree>(conversation, 'build_process_tree');
  const lateral = outputOf<LateralMovement>(conversation, 'find_lateral_movement');
  if (
    techniques === undefined ||
    iocs === undefined ||
    tree === undefined ||
    lateral === undefined
  ) {
    return cannotContinue('the analysis tools are not available');
  }

  return answer(
    writeTriageFinding({
      threat,
      coverage,
      agent: outputOf<AgentView>(conversation, 'get_agent'),
      techniques,
      iocs,
      tree,
      lateral,
      timeline: read.timeline,
    }),
  );
};
