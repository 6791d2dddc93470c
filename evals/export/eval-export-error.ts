import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

export type EvalExportErrorCode = 'THREAT_NOT_CLOSED' | 'THREAT_WITHOUT_VERDICT';

/** A threat that cannot become a replay case: it is still open, or nobody judged it. */
export class EvalExportError extends CasebookError {
  readonly fault: FaultKind = 'user';
  readonly code: EvalExportErrorCode;
  readonly threatId: string;

  constructor({
    code,
    threatId,
    message,
  }: {
    code: EvalExportErrorCode;
    threatId: string;
    message: string;
  }) {
    super(message);
    this.code = code;
    this.threatId = threatId;
  }
}
