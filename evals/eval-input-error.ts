import { CasebookError, type FaultKind } from '../lib/casebook-error.ts';

export type EvalInputErrorCode =
  | 'EVAL_CASE_UNKNOWN'
  | 'EVAL_THRESHOLDS_INVALID'
  | 'EVAL_REPORT_INVALID';

/** An eval that cannot start: a case that names nothing, a bad thresholds or report file. */
export class EvalInputError extends CasebookError {
  readonly fault: FaultKind = 'user';
  readonly code: EvalInputErrorCode;

  constructor({ code, message }: { code: EvalInputErrorCode; message: string }) {
    super(message);
    this.code = code;
  }
}
