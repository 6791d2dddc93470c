import { CasebookError } from '../lib/casebook-error.ts';
import type { Logger } from '../lib/logger.ts';
import { type ImportSummary, importRecordings } from './import/index.ts';
import type { Scenario } from './scenario.ts';
import { loadBuiltinScenarios, loadScenarioFile } from './scenarios/load-builtin-scenarios.ts';

/** A scenario file or recording given on the command line could not be used. */
export class ScenarioSourceError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'SCENARIO_SOURCE_INVALID';
}

export interface CollectedScenarios {
  scenarios: Scenario[];
  summaries: ImportSummary[];
  skipped: { path: string; reason: string }[];
}

/**
 * Gathers what the simulator should load: the built-in scenarios, scenario JSON files and
 * recordings to import. A bad file or a recording that fails to import stops the whole
 * collection, so the simulator never starts half-loaded.
 */
export async function collectScenarios({
  builtin = true,
  scenarioFiles = [],
  recordings = [],
  datasetsRoot,
  logger,
}: {
  builtin?: boolean;
  scenarioFiles?: readonly string[];
  recordings?: readonly string[];
  datasetsRoot?: string;
  logger?: Logger;
}): Promise<CollectedScenarios> {
  const scenarios: Scenario[] = builtin ? await loadBuiltinScenarios() : [];
  const summaries: ImportSummary[] = [];
  const skipped: CollectedScenarios['skipped'] = [];

  for (const path of scenarioFiles) scenarios.push(await readUserScenario(path));

  if (recordings.length > 0) {
    const outcomes = importRecordings({
      paths: recordings,
      ...(datasetsRoot === undefined ? {} : { datasetsRoot }),
      ...(logger === undefined ? {} : { logger }),
    });
    for await (const outcome of outcomes) {
      if (outcome.status === 'failed') {
        throw new ScenarioSourceError(`cannot import ${outcome.path}: ${outcome.error.message}`, {
          cause: outcome.error,
        });
      }
      if (outcome.status === 'skipped') {
        skipped.push({ path: outcome.path, reason: outcome.reason });
        continue;
      }
      scenarios.push(outcome.scenario);
      summaries.push(outcome.summary);
    }
  }

  return { scenarios, summaries, skipped };
}

/** A scenario file the user named: its problems are the user's to fix, not casebook's. */
async function readUserScenario(path: string): Promise<Scenario> {
  try {
    return await loadScenarioFile({ path });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioSourceError(`cannot use scenario ${path}: ${reason}`, { cause: error });
  }
}
