import { CasebookError } from '../../lib/casebook-error.ts';

/** A request to analyse a case that cannot start: a malformed threat id or tenant. */
export class AnalyseInputError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'ANALYSE_INPUT_INVALID';
}
