import { datasetsRoot } from '../lib/datasets-root.ts';
import { importRecordings } from '../sim/import/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import * as builtin from '../sim/scenarios/load-builtin-scenarios.ts';
import type { EvalCaseList } from './eval-case.ts';

/** A case ready to replay, or why it could not be loaded (reported, not thrown). */
export type LoadedEvalCase =
  | { status: 'loaded'; source: string; scenario: Scenario }
  | { status: 'failed'; source: string; caseId: string; error: string };

/**
 * The scenarios of a case list, one at a time: recordings are imported only when their
 * turn comes, so a large replay set never sits in memory all at once. Recordings with no
 * host telemetry (network captures) are skipped, as the importer skips them.
 */
export async function* loadEvalScenarios({
  list,
}: {
  list: EvalCaseList;
}): AsyncGenerator<LoadedEvalCase> {
  let builtins: Scenario[] | undefined;
  for (const entry of list.cases) {
    if (entry.kind === 'builtin') {
      builtins ??= await builtin.loadBuiltinScenarios();
      const scenario = builtins.find((candidate) => candidate.id === entry.scenarioId);
      yield scenario === undefined
        ? {
            status: 'failed',
            source: 'builtin',
            caseId: entry.scenarioId,
            error: 'no such built-in scenario',
          }
        : { status: 'loaded', source: 'builtin', scenario };
    } else if (entry.kind === 'scenario') {
      try {
        yield {
          status: 'loaded',
          source: entry.path,
          scenario: await builtin.loadScenarioFile(entry),
        };
      } catch (error) {
        const { path } = entry;
        yield { status: 'failed', source: path, caseId: path, error: messageOf(error) };
      }
    } else {
      const outcomes = importRecordings({ paths: [entry.path], datasetsRoot: datasetsRoot() });
      for await (const outcome of outcomes) {
        if (outcome.status === 'imported') {
          yield { status: 'loaded', source: outcome.path, scenario: outcome.scenario };
        } else if (outcome.status === 'failed') {
          yield {
            status: 'failed',
            source: outcome.path,
            caseId: outcome.path,
            error: `import: ${outcome.error.message}`,
          };
        }
      }
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
