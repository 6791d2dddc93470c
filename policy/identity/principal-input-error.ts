import { CasebookError } from '../../lib/casebook-error.ts';

/** A principal could not be stored as given: a malformed id or an unknown role. */
export class PrincipalInputError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'PRINCIPAL_INVALID';
}
