/**
 * The hunting agent: plain language to checked S1QL (offline rules or a model with a
 * bounded repair loop), hunts run through the policy gate, results summarised with cited
 * events, threads whose follow-ups edit the current query, and hunts promoted to cases.
 * The zod bodies here are what the HTTP routes and the REPL speak.
 *
 * @module
 */
export {
  CreateHuntThreadRequest,
  HuntEvent,
  HuntMessage,
  HuntThread,
  HuntThreadView,
  PostHuntMessageRequest,
  PromotedHunt,
  PromoteHuntRequest,
} from './chat/hunt-events.ts';
export {
  type AskRequest,
  createHuntService,
  HuntRequestError,
  type HuntService,
  type HuntServiceOptions,
} from './chat/hunt-service.ts';
export { HuntThreadNotFoundError } from './chat/hunt-store.ts';
export { createHuntRuntime } from './hunt-runtime.ts';
export { type CheckedQuery, checkQueryText, checkTree } from './query/checked-query.ts';
export { type QueryDescriber, s1qlDescriber } from './query/describe-query.ts';
export { HuntFocus } from './refine/hunt-focus.ts';
export { type CurrentHunt, type Refinement, refineQuery } from './refine/refine-query.ts';
export { runHuntRepl } from './repl/run-hunt-repl.ts';
export {
  createGatedHuntRunner,
  HUNTING_AGENT_ID,
  HuntRunError,
  type HuntRunner,
  type HuntRunRequest,
  type HuntRunResult,
} from './run/hunt-runner.ts';
export { HuntSummary, summariseHunt } from './run/summarise-hunt.ts';
export {
  extractTimeRange,
  HuntWindow,
  MAX_HUNT_LOOKBACK_YEARS,
  type TimeRangeMatch,
  type TimeRangeRefusal,
} from './translate/extract-time-range.ts';
export { HuntIntent } from './translate/hunt-intent.ts';
export { createAiSdkHuntModel, type HuntModel } from './translate/hunt-model.ts';
export type { HuntTranslation, HuntTranslator } from './translate/hunt-translation.ts';
export { huntTranslatorFromRegistry } from './translate/hunt-translator-from-registry.ts';
export { createOfflineTranslator, translateOffline } from './translate/translate-offline.ts';
export { createModelTranslator, huntSystemPrompt } from './translate/translate-with-model.ts';
