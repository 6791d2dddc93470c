import { CasebookError } from '../lib/casebook-error.ts';

/** A case change casebook will not record: the caller named the wrong case or reused an id. */
export class CaseChangeRefused extends CasebookError {
  readonly fault = 'user';

  constructor(
    readonly code: 'UNKNOWN_CASE' | 'CHANGE_ID_REUSED',
    message: string,
  ) {
    super(message);
  }
}
