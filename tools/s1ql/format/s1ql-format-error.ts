import { CasebookError } from '../../../lib/casebook-error.ts';

/**
 * A tree cannot be written in the requested dialect without changing what it matches, such
 * as a S1QL 1.0 value holding `" AND` (1.0 has no escape that survives its own lexer).
 */
export class S1qlFormatError extends CasebookError {
  override readonly fault = 'user';
  override readonly code = 'S1QL_NOT_EXPRESSIBLE';
}
