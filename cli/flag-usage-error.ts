import { type ParseArgsConfig, parseArgs } from 'node:util';

import { didYouMean } from './did-you-mean.ts';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A strict `parseArgs` failure as one plain line. Node's own messages run over several
 * lines and quote `--` hints; this re-reads the arguments leniently to name the flag.
 */
export function flagUsageError({
  error,
  args,
  options,
  positionals,
}: {
  error: unknown;
  args: string[];
  options: Options;
  positionals: boolean;
}): UsageError {
  const fallback = error instanceof Error ? error.message : String(error);
  let tokens: ReturnType<typeof parseArgs>['tokens'];
  try {
    ({ tokens } = parseArgs({
      args,
      options,
      strict: false,
      allowPositionals: true,
      tokens: true,
    }));
  } catch {
    return new UsageError(firstLine(fallback));
  }

  for (const token of tokens ?? []) {
    if (token.kind === 'positional' && !positionals) {
      return new UsageError(
        `unexpected argument "${token.value}" (this command takes no arguments)`,
      );
    }
    if (token.kind !== 'option') continue;

    const option = options[token.name];
    if (option === undefined) return unknownOption(token.rawName, options);
    if (option.type === 'boolean' && token.value !== undefined) {
      return new UsageError(`--${token.name} takes no value`);
    }
    if (option.type === 'string' && token.value === undefined) {
      return new UsageError(`--${token.name} needs a value`);
    }
    if (option.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      return new UsageError(
        `--${token.name} needs a value (for one that starts with "-", write --${token.name}=<value>)`,
      );
    }
  }

  return new UsageError(firstLine(fallback));
}

function unknownOption(rawName: string, options: Options): UsageError {
  // Only a long flag is worth correcting: one letter is too short to guess from.
  const hint = rawName.startsWith('--')
    ? didYouMean({
        wrote: rawName.slice(2),
        candidates: Object.keys(options),
        show: (name) => `--${name}`,
      })
    : '';

  return new UsageError(`unknown option ${rawName}${hint}`);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
