/**
 * Imports OTRF Security-Datasets recordings (Windows event logs of real attacks) into
 * simulator scenarios. See `import-recording.ts` for the pipeline.
 */
export {
  type AttackCatalog,
  type AttackTactic,
  type AttackTechnique,
  canonicalTechniqueId,
  loadAttackCatalog,
  type TechniqueNormalisation,
} from './attack/attack-catalog.ts';
export { TECHNIQUE_CROSSWALK } from './attack/technique-crosswalk.ts';
export { ImportError, type ImportErrorCode } from './import-error.ts';
export {
  type ImportRecordingOptions,
  type ImportResult,
  importRecording,
  scenarioIdOf,
} from './import-recording.ts';
export {
  DEFAULT_ATTACK_FILE,
  type ImportOutcome,
  type ImportRecordingsOptions,
  importRecordings,
} from './import-recordings.ts';
export { formatImportSummary, formatImportTable, type ImportSummary } from './import-summary.ts';
export { DEFAULT_MAX_DECOMPRESSED_BYTES } from './read/decompression-limit.ts';
