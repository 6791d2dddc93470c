import { readFile } from 'node:fs/promises';
import { printable } from '../../lib/printable.ts';
import {
  checkS1ql,
  explainS1ql,
  formatS1ql,
  type S1qlErrorData,
  S1qlFormatError,
  type S1qlInputDialect,
  translateS1ql,
} from '../../tools/s1ql/index.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

type Action = 'check' | 'format' | 'explain' | 'translate';

/** One query to work on; `line` is its line in a file or on standard input. */
interface Input {
  readonly line: number | null;
  readonly text: string;
}

type Outcome =
  | { readonly ok: true; readonly output: string; readonly extra: Record<string, unknown> }
  | { readonly ok: false; readonly message: string; readonly error: Record<string, unknown> };

export interface S1qlCommandsOptions {
  /** All of standard input, for `-`. */
  readonly readStdin?: () => Promise<string>;
  readonly readTextFile?: (path: string) => Promise<string>;
}

const INPUT_HELP = [
  '  <query>        one query, quoted for the shell (single quotes keep its double quotes)',
  '  --file <path>  one query per line; blank lines and lines starting with # are skipped',
  '  -              the same, read from standard input',
  '  --from <d>     1.0, 2.0 or auto (default): the language of the input',
  '  --json         one JSON object: every query with its line number and result',
];

/** Per subcommand: the one-line summary, what it does, and the options only it takes. */
const DETAILS: Record<Action, { summary: string; about: string[]; options: string[] }> = {
  check: {
    summary: 'Check S1QL queries (1.0 or 2.0): errors with line and column, and warnings',
    about: [
      'Parses and validates each query against the field catalogue (operators per field',
      'type, enum values, numbers, times, RE2 patterns) and lints it for slow or likely',
      'wrong patterns.',
    ],
    options: [],
  },
  format: {
    summary: 'Print S1QL queries in canonical form',
    about: [
      'Writes each query with catalogue field names, one spelling per operator and only',
      'the parentheses it needs.',
    ],
    options: ['  --to <d>       1.0 (default) or 2.0: the language to write'],
  },
  explain: {
    summary: 'Say in plain English what S1QL queries match',
    about: ['Values are shown as quoted data, never as part of the sentence.'],
    options: [],
  },
  translate: {
    summary: 'Translate S1QL queries between 1.0 and 2.0, exactly or not at all',
    about: ['A query the target cannot express exactly is an error that says why.'],
    options: ['  --to <d>       1.0 or 2.0 (required): the language to write'],
  },
};

const TO_SYNOPSIS: Record<Action, string> = {
  check: '',
  format: ' [--to <1.0|2.0>]',
  explain: '',
  translate: ' --to <1.0|2.0>',
};

/** The same layout as the other commands: usage, summary and details, options, exit. */
function usageOf(action: Action): string {
  const { summary, about, options } = DETAILS[action];
  return [
    `Usage: casebook s1ql ${action}${TO_SYNOPSIS[action]} [--from <1.0|2.0|auto>] [--json]`,
    '         <query | --file <path> | ->',
    '',
    `${summary}.`,
    ...about,
    '',
    'Options:',
    ...INPUT_HELP,
    ...options,
    '',
    'Exit status 2 when any query is invalid (or the arguments are).',
  ].join('\n');
}

/** `casebook s1ql check|format|explain|translate`. */
export function createS1qlCommands(options: S1qlCommandsOptions = {}): Command[] {
  const readStdin = options.readStdin ?? readProcessStdin;
  const readTextFile = options.readTextFile ?? ((path: string) => readFile(path, 'utf8'));
  return (['check', 'format', 'explain', 'translate'] as const).map((action) => ({
    name: ['s1ql', action],
    summary: DETAILS[action].summary,
    usage: usageOf(action),
    async run({ args, stdout, stderr }) {
      const { values, positionals } = parseFlags({
        args,
        options: {
          file: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          json: { type: 'boolean' },
        },
        positionals: true,
      });
      const from = dialectFlag('--from', values.from ?? 'auto', [
        '1.0',
        '2.0',
        'auto',
      ]) as S1qlInputDialect;
      if (values.to !== undefined && action !== 'format' && action !== 'translate') {
        throw new UsageError(`--to applies to format and translate, not ${action}`);
      }
      if (action === 'translate' && values.to === undefined) {
        throw new UsageError('translate needs --to 1.0 or --to 2.0');
      }
      const to = dialectFlag('--to', values.to ?? '1.0', ['1.0', '2.0']) as '1.0' | '2.0';

      const inputs = await readInputs({ positionals, file: values.file, readStdin, readTextFile });
      const results = inputs.map((input) => ({
        input,
        outcome: runAction(action, input, from, to),
      }));
      const invalid = results.filter((result) => !result.outcome.ok).length;

      if (values.json === true) {
        const items = results.map(({ input, outcome }) => ({
          line: input.line,
          query: input.text,
          ...(outcome.ok
            ? { ok: true, output: outcome.output, ...outcome.extra }
            : { ok: false, error: outcome.error }),
        }));
        const summary = { queries: results.length, valid: results.length - invalid, invalid };
        stdout.write(`${JSON.stringify({ ...summary, results: items }, null, 2)}\n`);
      } else {
        for (const { outcome } of results) {
          if (outcome.ok) stdout.write(`${printable(outcome.output, { keepNewlines: true })}\n`);
          else stderr.write(`${printable(outcome.message)}\n`);
        }
        if (inputs.length > 1 || inputs[0]?.line !== null) {
          stderr.write(`${results.length} queries, ${invalid} invalid\n`);
        }
      }
      return invalid > 0 ? 2 : 0;
    },
  }));
}

function runAction(
  action: Action,
  input: Input,
  from: S1qlInputDialect,
  to: '1.0' | '2.0',
): Outcome {
  if (action === 'translate') {
    const translated = translateS1ql({ text: input.text, from, to });
    if (!translated.ok) return failure(translated.error, input);
    const extra = { from: translated.from, to: translated.to, notes: translated.notes };
    return { ok: true, output: translated.text, extra };
  }

  const checked = checkS1ql(input.text, { dialect: from });
  if (!checked.ok) return failure(checked.error, input);
  const { query, warnings } = checked;
  const extra = { dialect: query.dialect, warnings };

  switch (action) {
    case 'check': {
      const lines = warnings.map(
        (warning) =>
          `  warning ${warning.code} at line ${warning.span.line}, column ` +
          `${warning.span.column}: ${warning.message}`,
      );
      const verdict = `valid S1QL ${query.dialect === 's1ql-2.0' ? '2.0' : '1.0'}`;
      const summary = warnings.length === 0 ? verdict : `${verdict}, ${warnings.length} warning(s)`;
      return { ok: true, output: [summary, ...lines].join('\n'), extra };
    }
    case 'format':
      try {
        return { ok: true, output: formatS1ql(query, { dialect: to }), extra };
      } catch (error) {
        if (error instanceof S1qlFormatError) return failure({ message: error.message }, input);
        throw error;
      }
    case 'explain':
      return { ok: true, output: explainS1ql(query), extra };
  }
}

/** A file's query is one line, so its error's position is the file's line and that column. */
function failure(error: S1qlErrorData | { readonly message: string }, input: Input): Outcome {
  const located = 'line' in error && input.line !== null;
  const message = located
    ? `line ${input.line + error.line - 1}, column ${error.column}: ` +
      error.message.replace(/^line \d+, column \d+: /, '')
    : error.message;
  return { ok: false, message: `invalid: ${message}`, error: { ...error } };
}

function dialectFlag(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw new UsageError(`${name} must be ${allowed.join(', ')}; got "${value.slice(0, 20)}"`);
  }
  return value;
}

async function readInputs({
  positionals,
  file,
  readStdin,
  readTextFile,
}: {
  positionals: readonly string[];
  file: string | undefined;
  readStdin: () => Promise<string>;
  readTextFile: (path: string) => Promise<string>;
}): Promise<Input[]> {
  const sources = positionals.length + (file === undefined ? 0 : 1);
  if (sources !== 1) {
    throw new UsageError(
      sources === 0
        ? 'give a query, --file <path> or - for standard input'
        : 'give one query (quote it for the shell), --file <path> or -, not several',
    );
  }
  const [only] = positionals;
  if (only !== undefined && only !== '-') return [{ line: null, text: only }];

  let content: string;
  try {
    content = only === '-' ? await readStdin() : await readTextFile(file ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${only === '-' ? 'standard input' : file}: ${reason}`);
  }
  const inputs = content
    .split(/\r?\n/)
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => text.trim() !== '' && !text.trimStart().startsWith('#'));
  if (inputs.length === 0) throw new UsageError('the input holds no queries');
  return inputs;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export const S1QL_COMMANDS: readonly Command[] = createS1qlCommands();
