import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

import { ConfigError } from './config-error.ts';

/** A token is a few hundred bytes; anything past this is not a token file. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

const NOT_REGULAR = 'a regular file (not a device, pipe or directory)';
const TOO_LARGE = `a file of at most ${MAX_SECRET_FILE_BYTES / 1024} KiB`;

/**
 * Turns a secret reference (`env:NAME` or `file:/path`) into the secret. The error
 * names the reference, never a value. A file must be a regular file of at most
 * 64 KiB: `file:/dev/zero` or a pipe would otherwise be read without end.
 */
export function resolveSecret({
  ref,
  key = 'tokenRef',
  env = process.env,
  readFile,
}: {
  ref: string;
  /** The config key the reference came from, for the error: `itsm.acme.auth.secretRef`. */
  key?: string;
  env?: Record<string, string | undefined>;
  /** Replaces the file system in tests; what it returns is held to the same limit. */
  readFile?: (path: string) => string;
}): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const value = env[name];
    if (!value) {
      throw new ConfigError([
        { key, source: ref, expected: `environment variable ${name} to be set` },
      ]);
    }
    return value;
  }

  if (ref.startsWith('file:')) {
    const path = ref.slice(5);
    const refused = (expected: string) => new ConfigError([{ key, source: ref, expected }]);
    let read: string;
    try {
      read = readFile === undefined ? readSecretFile({ path, refused }) : readFile(path);
    } catch (error) {
      throw error instanceof ConfigError ? error : refused('a readable file');
    }
    if (Buffer.byteLength(read, 'utf8') > MAX_SECRET_FILE_BYTES) throw refused(TOO_LARGE);
    const value = read.trim();
    if (!value) throw new ConfigError([{ key, source: ref, expected: 'a non-empty file' }]);
    return value;
  }

  throw new ConfigError([
    {
      key,
      source: 'tenant',
      expected: 'env:NAME or file:/path',
      received: '[redacted]',
    },
  ]);
}

/**
 * Reads a secret file, refusing anything but a regular file of at most 64 KiB. It
 * opens without blocking, so a named pipe is refused instead of waiting for a writer,
 * checks the opened file itself (no race with a swapped path), and reads one byte past
 * the limit, so a file that grows after the check is refused too.
 */
function readSecretFile({
  path,
  refused,
}: {
  path: string;
  refused: (expected: string) => ConfigError;
}): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refused(NOT_REGULAR);
    if (stats.size > MAX_SECRET_FILE_BYTES) throw refused(TOO_LARGE);

    const buffer = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_SECRET_FILE_BYTES) throw refused(TOO_LARGE);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
