/**
 * The simulator's store: open it, load scenarios into it, read their ground truth. The
 * server reads and writes console state through the modules below this folder; other
 * parts of casebook (the CLI, benchmarks, the eval harness) need only what is here.
 *
 * @module
 */

export {
  registerApiToken,
  replaceApiTokens,
  type SimUser,
  userForToken,
} from './identity/sim-users.ts';
export { type LoadScenarioResult, loadScenario } from './load-scenario.ts';
export { openSimStore, type SimStore } from './open-sim-store.ts';
export {
  findLoadedScenario,
  type LoadedScenario,
  listLoadedScenarios,
} from './scenario-catalog.ts';
export { ScenarioLoadError } from './scenario-load-error.ts';
