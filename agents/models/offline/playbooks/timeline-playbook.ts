import type { IocReport, ProcessTree, Timeline } from '../../../../tools/analysis/index.ts';
import type { SweepOutcome } from '../../../tools/fleet-sweep-tool.ts';
import { blockingProblem, caseIdOf, outputOf } from '../conversation.ts';
import { answer, call, cannotContinue, once, type Playbook } from '../playbook.ts';
import { writeTimeline } from '../writers/write-timeline.ts';
import { gatherStoryline } from './gather-storyline.ts';

/**
 * The timeline specialist: storyline, then one fleet sweep for the case's indicators and
 * the hosts it reached, then the timeline, process tree and indicators over everything
 * fetched, written up as the `Timeline` answer.
 */
export const timelinePlaybook: Playbook = (conversation) => {
  const problem = blockingProblem(conversation);
  if (problem !== undefined) return cannotContinue(problem);
  const threatId = caseIdOf(conversation);
  if (threatId === undefined) return cannotContinue('the task names no case id');

  const gathered = gatherStoryline(conversation, threatId);
  if ('next' in gathered) return gathered.next;

  const next =
    once(conversation, 'sweep_fleet', () =>
      call('sweep_fleet', {}, "sweep the fleet for the case's indicators"),
    ) ??
    once(conversation, 'build_timeline', () =>
      call('build_timeline', { maxEntries: 40 }, 'order what happened'),
    ) ??
    once(conversation, 'build_process_tree', () =>
      call('build_process_tree', { maxDepth: 12, maxItemsPerList: 5 }, 'the process tree'),
    ) ??
    once(conversation, 'extract_iocs', () =>
      call('extract_iocs', { maxEventIds: 10 }, "the case's indicators"),
    );
  if (next !== undefined) return next;

  const timeline = outputOf<Timeline>(conversation, 'build_timeline');
  const tree = outputOf<ProcessTree>(conversation, 'build_process_tree');
  const iocs = outputOf<IocReport>(conversation, 'extract_iocs');
  if (timeline === undefined || tree === undefined || iocs === undefined) {
    return cannotContinue('the analysis tools are not available');
  }

  return answer(
    writeTimeline({
      caseId: gathered.threat.id,
      timeline,
      tree,
      iocs,
      sweep: outputOf<SweepOutcome>(conversation, 'sweep_fleet'),
      coverage: gathered.coverage,
    }),
  );
};
