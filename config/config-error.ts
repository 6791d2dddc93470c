import { CasebookError } from '../lib/casebook-error.ts';

export interface ConfigProblem {
  /** Dotted path of the bad key, e.g. `sim.port`. */
  key: string;
  /** Where the value came from: an environment variable or the config file. */
  source: string;
  expected: string;
  received?: string;
}

/** The deployment's configuration is invalid; start-up stops with this. */
export class ConfigError extends CasebookError {
  readonly fault = 'config';
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: ConfigProblem[]) {
    super(
      `invalid configuration:\n${problems
        .map((p) => {
          const got = p.received === undefined ? '' : `, got ${p.received}`;
          return `  - ${p.key} (from ${p.source}): expected ${p.expected}${got}`;
        })
        .join('\n')}`,
    );
  }
}
