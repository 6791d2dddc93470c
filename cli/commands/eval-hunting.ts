import { resolve } from 'node:path';

import { modelRegistryFromConfig } from '../../agents/index.ts';
import {
  DEFAULT_QUESTIONS_FILE,
  loadHuntingQuestions,
} from '../../evals/hunting/hunting-questions.ts';
import { runHuntingEval } from '../../evals/hunting/run-hunting-eval.ts';
import { writeHuntingReports } from '../../evals/hunting/write-hunting-reports.ts';
import { huntTranslatorFromRegistry } from '../../hunting/translate/hunt-translator-from-registry.ts';
import type { Command, CommandContext } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';

const USAGE = `Usage: casebook eval hunting [options]

Scores plain-language-to-S1QL translation: each question's query and its hand-checked
reference run on the same events (the built-in scenarios; OTRF recordings when the shared
datasets are present), and the result sets are compared. Reports validity, precision,
recall, exact matches, refusals and the repairs a model needed.

Options:
  --model <spec>       offline (default) | openai:<model> | openai-compatible:<base URL>#<model>
  --questions <file>   a question set (default evals/hunting/hunting-questions.json)
  --out <dir>          write hunting-eval-report.json and hunting-eval-report.md there
  --json               print the report as JSON`;

/**
 * The hunting eval as a function of the command context, for `casebook eval --hunting`
 * to call with its own arguments; exits 0 unless a question set cannot be read.
 */
export async function runHuntingEvalCommand({
  args,
  config,
  stdout,
  stderr,
}: Pick<CommandContext, 'args' | 'config' | 'stdout' | 'stderr'>): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      model: { type: 'string' },
      questions: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const set = loadHuntingQuestions(
    values.questions === undefined ? DEFAULT_QUESTIONS_FILE : resolve(values.questions),
  );
  const translator = huntTranslatorFromRegistry({
    registry: modelRegistryFromConfig({ config, model: values.model }),
  });
  const report = await runHuntingEval({ set, translator });
  for (const corpus of report.corpora) {
    if (corpus.skipped !== undefined)
      stderr.write(`skipped the ${corpus.name} corpus: ${corpus.skipped}\n`);
  }

  const { totals } = report;
  stdout.write(
    values.json === true
      ? `${JSON.stringify(report, null, 2)}\n`
      : [
          `hunting eval (${report.translator}): ` +
            `${totals.scored} of ${totals.questions} questions scored`,
          `  validity        ${(totals.validity * 100).toFixed(1)}%`,
          `  precision       ${totals.meanPrecision.toFixed(3)}`,
          `  recall          ${totals.meanRecall.toFixed(3)}`,
          `  exact results   ${totals.exactMatches} of ${totals.answerable}`,
          `  refused         ${totals.refusedAnswerable} answerable; ` +
            `${totals.correctRefusals} of ${totals.expectedRefusals} refusals where due`,
          `  repairs         ${totals.repairs}`,
          '',
        ].join('\n'),
  );
  if (values.out !== undefined) {
    for (const path of writeHuntingReports({ report, dir: resolve(values.out) })) {
      stdout.write(`wrote ${path}\n`);
    }
  }
  return 0;
}

/** `casebook eval hunting`. */
export const evalHunting: Command = {
  name: ['eval', 'hunting'],
  summary: 'Score plain-language-to-S1QL translation against reference queries',
  usage: USAGE,
  run: runHuntingEvalCommand,
};
