import { describe, expect, it } from 'vitest';

import { parseFlags } from './parse-flags.ts';

const options = {
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
} as const;

function problem(args: string[], positionals = false): string {
  try {
    parseFlags({ args, options, positionals });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${args.join(' ')} parsed`);
}

describe('flag problems', () => {
  it('names an unknown option and the flags it is close to', () => {
    expect(problem(['--jsn'])).toBe('unknown option --jsn; did you mean --json?');
    expect(problem(['--jsonn'])).toBe('unknown option --jsonn; did you mean --json or --jsonl?');
    expect(problem(['--ot'])).toBe('unknown option --ot; did you mean --out?');
  });

  it('names an unknown option without a guess when nothing is close', () => {
    expect(problem(['--verbose'])).toBe('unknown option --verbose');
    expect(problem(['-x'])).toBe('unknown option -x');
  });

  it('says which flag lacks a value, however it was spelt', () => {
    expect(problem(['--out'])).toBe('--out needs a value');
    expect(problem(['-o'])).toBe('--out needs a value');
    expect(problem(['--out', '--json'])).toBe(
      '--out needs a value (for one that starts with "-", write --out=<value>)',
    );
  });

  it('refuses a value on a switch and an argument the command does not take', () => {
    expect(problem(['--json=yes'])).toBe('--json takes no value');
    expect(problem(['extra'])).toBe(
      'unexpected argument "extra" (this command takes no arguments)',
    );
  });

  it('still accepts what is valid', () => {
    const { values } = parseFlags({ args: ['--out=-'], options });

    expect(values.out).toBe('-');
  });
});
