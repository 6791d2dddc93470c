import { CasebookError } from '../../lib/casebook-error.ts';

/** The runtime asked for a toolbox with a malformed run context: casebook's own bug. */
export class RunContextError extends CasebookError {
  readonly fault = 'system';
  readonly code = 'RUN_CONTEXT_INVALID';
}
