import { CasebookError } from '../../lib/casebook-error.ts';

/** An API key that cannot be made or revoked as asked. */
export class ApiKeyInputError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'API_KEY_INVALID';
}
