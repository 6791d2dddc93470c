import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

export type ImportErrorCode =
  | 'IMPORT_SOURCE_NOT_FOUND'
  | 'IMPORT_SOURCE_UNSUPPORTED'
  | 'IMPORT_ARCHIVE_CORRUPT'
  | 'IMPORT_ARCHIVE_TRUNCATED'
  | 'IMPORT_ARCHIVE_TOO_LARGE'
  | 'IMPORT_NO_EVENT_LOGS'
  | 'IMPORT_NO_HOST_EVENTS'
  | 'IMPORT_SCENARIO_INVALID'
  | 'ATTACK_CATALOG_INVALID'
  | 'BUILTIN_SCENARIO_INVALID';

const FAULTS: Record<ImportErrorCode, FaultKind> = {
  IMPORT_SOURCE_NOT_FOUND: 'user',
  IMPORT_SOURCE_UNSUPPORTED: 'user',
  IMPORT_ARCHIVE_CORRUPT: 'user',
  IMPORT_ARCHIVE_TRUNCATED: 'user',
  // Past the decompression limit: a bomb, or a recording to split or allow a higher limit.
  IMPORT_ARCHIVE_TOO_LARGE: 'user',
  IMPORT_NO_EVENT_LOGS: 'user',
  IMPORT_NO_HOST_EVENTS: 'user',
  // The importer built something the contract rejects: our bug, not the recording's.
  IMPORT_SCENARIO_INVALID: 'system',
  ATTACK_CATALOG_INVALID: 'config',
  BUILTIN_SCENARIO_INVALID: 'system',
};

/** A recording, catalogue or scenario file could not be turned into a scenario. */
export class ImportError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: ImportErrorCode;
  /** The file the problem is about, when there is one. */
  readonly path: string | undefined;

  constructor({
    code,
    message,
    path,
    cause,
  }: {
    code: ImportErrorCode;
    message: string;
    path?: string;
    cause?: unknown;
  }) {
    super(message, { cause });
    this.code = code;
    this.fault = FAULTS[code];
    this.path = path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path };
  }
}
