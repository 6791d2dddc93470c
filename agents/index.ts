/**
 * casebook's agents: a supervisor and four specialists on one Mastra instance, the models
 * they run on (offline by default), and `analyseCase`, which gives a case its cited first
 * look through the tenant's policy gate.
 */
export {
  AgentId,
  CASE_AGENTS,
  REQUIRED_SPECIALISTS,
  SPECIALISTS,
  type SpecialistId,
} from './agent-id.ts';
export { createCasebookMastra } from './casebook-mastra.ts';
export { buildSweepQuery, type SweepQuery } from './evidence/fleet-sweep-query.ts';
export { HuntCase, HuntCaseQuery, isHuntCaseId } from './evidence/hunt-case.ts';
export { findLateralMovement, type LateralMovement } from './evidence/lateral-movement.ts';
export { AuditedModel, type ModelBudget } from './models/audited-model.ts';
export { fencePrompt } from './models/fence-prompt.ts';
export { ModelConfigError } from './models/model-config-error.ts';
export {
  createModelRegistry,
  type ModelRegistry,
  type ModelRegistryOptions,
  type ResolvedModel,
} from './models/model-registry.ts';
export { modelRegistryFromConfig } from './models/model-registry-from-config.ts';
export { MODEL_SPEC_SYNTAX, type ModelSpec, parseModelSpec } from './models/model-spec.ts';
export {
  createOfflineModel,
  OFFLINE_MODEL_ID,
  OfflineModel,
} from './models/offline/offline-model.ts';
export {
  type AnalyseCaseOptions,
  type AnalyseCaseResult,
  analyseCase,
  DEFAULT_BUDGET,
  type RunBudget,
} from './run/analyse-case.ts';
export { AnalyseInputError } from './run/analyse-input-error.ts';
export { type CitationCheck, checkCitations } from './run/check-citations.ts';
export type { NoteOutcome } from './run/post-case-note.ts';
export { renderCaseNote } from './run/render-case-note.ts';
export { renderFirstLook } from './run/render-first-look.ts';
export type { RunFailure } from './run/run-failure.ts';
export { RunStep } from './run/run-step.ts';
export { FirstLook } from './schemas/first-look.ts';
export { IncidentReport } from './schemas/incident-report.ts';
export { NotificationDraft } from './schemas/notification-draft.ts';
export { SupervisorSummary } from './schemas/supervisor-summary.ts';
export { Timeline } from './schemas/timeline.ts';
export { TriageFinding } from './schemas/triage-finding.ts';
export { readHuntCase } from './store/hunt-case-store.ts';
export { createRunStore, type RunStore, type StoredRun } from './store/run-store.ts';
export { loadNotificationTemplate } from './templates/load-notification-template.ts';
export {
  DEFAULT_NOTIFICATION_TEMPLATE,
  NotificationTemplate,
  type NotificationTemplateInput,
} from './templates/notification-template.ts';
export { TemplateFileError } from './templates/template-file-error.ts';
export { defang } from './text/defang.ts';
