import { readFileSync } from 'node:fs';

import { ConfigError } from './config-error.ts';

/**
 * Turns a secret reference (`env:NAME` or `file:/path`) into the secret. The error
 * names the reference, never a value.
 */
export function resolveSecret({
  ref,
  env = process.env,
  readFile = (path) => readFileSync(path, 'utf8'),
}: {
  ref: string;
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const value = env[name];
    if (!value) {
      throw new ConfigError([
        { key: 'tokenRef', source: ref, expected: `environment variable ${name} to be set` },
      ]);
    }
    return value;
  }

  if (ref.startsWith('file:')) {
    const path = ref.slice(5);
    let value: string;
    try {
      value = readFile(path).trim();
    } catch {
      throw new ConfigError([{ key: 'tokenRef', source: ref, expected: `a readable file` }]);
    }
    if (!value)
      throw new ConfigError([{ key: 'tokenRef', source: ref, expected: 'a non-empty file' }]);
    return value;
  }

  throw new ConfigError([
    {
      key: 'tokenRef',
      source: 'tenant',
      expected: 'env:NAME or file:/path',
      received: '[redacted]',
    },
  ]);
}
