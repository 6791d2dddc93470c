import { CasebookError } from '../../../lib/casebook-error.ts';

/** The code calling the compiler asked for something unsafe, such as a bad column name. */
export class S1qlCompileError extends CasebookError {
  override readonly fault = 'system';
  override readonly code = 'S1QL_COMPILE_FAILED';
}
