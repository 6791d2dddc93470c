import { type ParseArgsConfig, parseArgs } from 'node:util';

import { flagUsageError } from './flag-usage-error.ts';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseFlags<const O extends Options>({
  args,
  options,
  positionals = false,
}: {
  args: string[];
  options: O;
  positionals?: boolean;
}) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw flagUsageError({ error, args, options, positionals });
  }
}

/** Reads an integer flag, or throws a usage error naming the flag and the range. */
export function integerFlag({
  name,
  value,
  min,
  max,
}: {
  name: string;
  value: string | undefined;
  min: number;
  max: number;
}): number | undefined {
  if (value === undefined) return undefined;

  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`--${name} expects an integer from ${min} to ${max}, got "${value}"`);
  }

  return number;
}
