/**
 * Deterministic case analysis for the agents: evidence normalisation, process tree,
 * timeline, IOC extraction, ATT&CK mapping and evidence packing for prompts. Each
 * function validates its input with the schema exported beside it; `ANALYSIS_TOOLS`
 * offers them as data for tool wrappers.
 */
export { AnalysisError, type AnalysisErrorCode, type AnalysisProblem } from './analysis-error.ts';
export {
  ANALYSIS_TOOLS,
  type AnalysisTool,
  BUILD_PROCESS_TREE_TOOL,
  BUILD_TIMELINE_TOOL,
  EXTRACT_IOCS_TOOL,
  MAP_TECHNIQUES_TOOL,
  PACK_EVIDENCE_TOOL,
} from './analysis-tools.ts';
export { type EventFacts, type Execution, eventFactsOf } from './attack/event-facts.ts';
export { mapTechniques, techniqueMappingOf } from './attack/map-techniques.ts';
export { matchRules, type RuleMatch } from './attack/match-rules.ts';
export { RULE_LIBRARY } from './attack/rule-library.ts';
export { ATTACK_VERSION, TACTICS, TECHNIQUES } from './attack/technique-catalog.ts';
export {
  MappedTechnique,
  MapTechniquesInput,
  RuleHit,
  TechniqueMapping,
} from './attack/technique-mapping.ts';
export type { AggregateRule, AnyRule, TechniqueRule } from './attack/technique-rule.ts';
export {
  EvidenceEndpoint,
  EvidenceEvent,
  type EvidenceEventInput,
  EvidenceEvents,
  EvidenceProcess,
  EvidenceTarget,
  EvidenceTargetProcess,
} from './evidence/evidence-event.ts';
export {
  evidenceFromDvEvent,
  evidenceFromDvEvents,
  type RejectedEvent,
} from './evidence/evidence-from-dv-event.ts';
export {
  evidenceFromScenarioEvent,
  evidenceFromScenarioEvents,
} from './evidence/evidence-from-scenario-event.ts';
export { extractIocs, iocReportOf } from './iocs/extract-iocs.ts';
export { ExtractIocsInput, FilteredIocs, Ioc, IocReport, IocType } from './iocs/ioc.ts';
export { estimateTokens } from './packing/estimate-tokens.ts';
export { EvidencePack, PackEvidenceInput, ThreatFocus } from './packing/evidence-pack.ts';
export { evidencePackOf, packEvidence } from './packing/pack-evidence.ts';
export { buildProcessTree, processTreeOf } from './process-tree/build-process-tree.ts';
export {
  BuildProcessTreeInput,
  ProcessActivity,
  ProcessSummary,
  ProcessTree,
} from './process-tree/process-tree.ts';
export { buildTimeline, timelineOf } from './timeline/build-timeline.ts';
export { BuildTimelineInput, Timeline, TimelineEntry, TimelineKind } from './timeline/timeline.ts';
