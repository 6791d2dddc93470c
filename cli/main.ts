import { loadConfig } from '../config/load-config.ts';
import { CasebookError } from '../lib/casebook-error.ts';
import { createLogger } from '../lib/logger.ts';
import type { Command } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { didYouMean } from './did-you-mean.ts';
import { UsageError } from './usage-error.ts';

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.join(' ').length));
  const lines = commands.map((c) => `  casebook ${c.name.join(' ').padEnd(width)}  ${c.summary}`);

  return ['casebook: an AI case analyst for MDR on SentinelOne', '', 'Commands:', ...lines, '']
    .concat(['Run `casebook <command> --help` for its options.', ''])
    .join('\n');
}

function findCommand(argv: string[]): { command: Command; args: string[] } | undefined {
  const matches = COMMANDS.filter((c) => c.name.every((word, i) => argv[i] === word));
  const best = matches.sort((a, b) => b.name.length - a.name.length)[0];

  return best && { command: best, args: argv.slice(best.name.length) };
}

/**
 * A hint for a misspelt command: the words up to the first unknown one select a group, and
 * the unknown word is compared with that group's next words (`rn` with `run`, `sim sevre`
 * with `sim serve`).
 */
function closestCommands(words: string[]): string {
  let known = 0;
  const starts = (count: number) =>
    COMMANDS.some((c) => words.slice(0, count).every((w, i) => c.name[i] === w));
  while (known < words.length && starts(known + 1)) known += 1;
  const wrote = words[known];
  if (wrote === undefined) return '';

  const prefix = words.slice(0, known);
  const next = COMMANDS.filter((c) => prefix.every((w, i) => c.name[i] === w)).flatMap(
    (c) => c.name[known] ?? [],
  );
  return didYouMean({
    wrote,
    candidates: next,
    show: (word) => `"${[...prefix, word].join(' ')}"`,
  });
}

/** Runs the CLI and returns the process exit code; never throws. */
export async function main(
  argv: string[],
  {
    stdout = process.stdout,
    stderr = process.stderr,
    stdin = process.stdin,
    env = process.env,
  }: {
    stdout?: NodeJS.WritableStream;
    stderr?: NodeJS.WritableStream;
    stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
    env?: Record<string, string | undefined>;
  } = {},
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    stdout.write(helpText(COMMANDS));
    return argv.length === 0 ? 2 : 0;
  }

  const found = findCommand(argv);
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const group = COMMANDS.filter((c) => words.length > 0 && words.every((w, i) => c.name[i] === w));
  if (!found && group.length > 0) {
    const asked = argv.includes('--help') || argv.includes('-h');
    (asked ? stdout : stderr).write(helpText(group));
    return asked ? 0 : 2;
  }
  if (!found) {
    const hint = closestCommands(words);
    stderr.write(`casebook: unknown command "${argv.join(' ')}"${hint}\n\n${helpText(COMMANDS)}`);
    return 2;
  }

  const { command, args } = found;
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write(`${command.usage}\n`);
    return 0;
  }

  let onSignal = () => {};
  try {
    const config = loadConfig({ env });
    const logger = createLogger({ level: config.logLevel });
    const interrupted = new Promise<void>((resolve) => {
      onSignal = () => resolve();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });

    return await command.run({ args, config, logger, stdout, stderr, stdin, interrupted });
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`casebook ${command.name.join(' ')}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof CasebookError) {
      stderr.write(`casebook ${command.name.join(' ')}: ${error.message}\n`);
      return error.fault === 'user' || error.fault === 'config' ? 2 : 1;
    }
    stderr.write(`casebook ${command.name.join(' ')}: unexpected failure: ${String(error)}\n`);
    return 1;
  } finally {
    // main runs many times in one process under test: a finished command keeps no handler.
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
