import { CasebookError } from '../lib/casebook-error.ts';

/** The command line itself is wrong: unknown command, flag or missing argument. */
export class UsageError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'USAGE';
}
