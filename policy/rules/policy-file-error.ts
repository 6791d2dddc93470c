import { CasebookError } from '../../lib/casebook-error.ts';

export interface PolicyProblem {
  /** Path of the bad key, e.g. `rules[2].when.confidence.min`. */
  path: string;
  message: string;
}

/** A tenant's policy file cannot be used; start-up stops with this. */
export class PolicyFileError extends CasebookError {
  readonly fault = 'config';
  readonly code = 'POLICY_INVALID';

  constructor(
    readonly source: string,
    readonly problems: PolicyProblem[],
  ) {
    super(
      `invalid policy ${source}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), source: this.source, problems: this.problems };
  }
}
