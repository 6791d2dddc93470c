import { CasebookError } from '../../lib/casebook-error.ts';

/** A scenario cannot be loaded as given: bad values, or ids owned by another scenario. */
export class ScenarioLoadError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'SIM_SCENARIO_INVALID';

  constructor(
    readonly scenarioId: string,
    problem: string,
  ) {
    super(`scenario "${scenarioId}" cannot be loaded: ${problem}`);
  }
}
