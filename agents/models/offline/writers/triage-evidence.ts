import type { IocReport, ProcessTree, TechniqueMapping } from '../../../../tools/analysis/index.ts';
import type { LateralMovement } from '../../../evidence/lateral-movement.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { AgentView, StorylineCoverage, ThreatView } from '../case-views.ts';

/** Everything the triage playbook gathered, as its writers read it. */
export interface TriageEvidence {
  threat: ThreatView;
  coverage: StorylineCoverage;
  agent: AgentView | undefined;
  techniques: TechniqueMapping;
  iocs: IocReport;
  tree: ProcessTree;
  lateral: LateralMovement;
  /** The timeline specialist's answer, when it ran first. */
  timeline: Timeline | undefined;
}
