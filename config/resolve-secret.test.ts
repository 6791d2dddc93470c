import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ConfigError } from './config-error.ts';
import { MAX_SECRET_FILE_BYTES, resolveSecret } from './resolve-secret.ts';

function refusalOf(ref: string): string {
  try {
    resolveSecret({ ref });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`${ref} was accepted`);
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'casebook-secret-'));
}

describe('resolveSecret', () => {
  it('reads an environment variable', () => {
    expect(resolveSecret({ ref: 'env:S1_TOKEN', env: { S1_TOKEN: 'tok-123' } })).toBe('tok-123');
  });

  it('reads and trims a file', () => {
    const readFile = (path: string) => (path === '/run/s1' ? 'tok-456\n' : '');

    expect(resolveSecret({ ref: 'file:/run/s1', readFile })).toBe('tok-456');
  });

  it('names the missing variable without revealing anything', () => {
    expect(() => resolveSecret({ ref: 'env:S1_TOKEN', env: {} })).toThrow(
      /environment variable S1_TOKEN to be set/,
    );
  });

  it('reports an unreadable file as a configuration error', () => {
    const readFile = () => {
      throw new Error('ENOENT');
    };

    expect(() => resolveSecret({ ref: 'file:/nope', readFile })).toThrow(ConfigError);
  });

  it('refuses a raw token passed where a reference belongs', () => {
    let message = '';
    try {
      resolveSecret({ ref: 'eyJhbGciOiJFUzI1NiJ9.secret' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('env:NAME or file:/path');
    expect(message).not.toContain('eyJ');
  });

  it('reads a real file from disk', () => {
    const path = join(scratch(), 'acme.token');
    writeFileSync(path, '  tok-789\n');

    expect(resolveSecret({ ref: `file:${path}` })).toBe('tok-789');
  });

  it('refuses a device such as /dev/zero instead of reading it without end', () => {
    expect(refusalOf('file:/dev/zero')).toBe(
      'invalid configuration:\n' +
        '  - tokenRef (from file:/dev/zero): expected a regular file ' +
        '(not a device, pipe or directory)',
    );
  });

  it('refuses a directory and a named pipe, without waiting for a writer', () => {
    const dir = scratch();
    expect(refusalOf(`file:${dir}`)).toContain('expected a regular file');

    const fifo = join(dir, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusalOf(`file:${fifo}`)).toContain('expected a regular file');
  });

  it('refuses a file larger than 64 KiB, naming the reference and never the contents', () => {
    const path = join(scratch(), 'huge.token');
    writeFileSync(path, `TOKEN-CONTENT${'x'.repeat(MAX_SECRET_FILE_BYTES)}`);

    const message = refusalOf(`file:${path}`);

    expect(message).toBe(
      `invalid configuration:\n  - tokenRef (from file:${path}): ` +
        'expected a file of at most 64 KiB',
    );
    expect(message).not.toContain('TOKEN-CONTENT');
  });

  it('accepts a file of exactly 64 KiB', () => {
    const path = join(scratch(), 'full.token');
    writeFileSync(path, 'y'.repeat(MAX_SECRET_FILE_BYTES));

    expect(resolveSecret({ ref: `file:${path}` })).toHaveLength(MAX_SECRET_FILE_BYTES);
  });

  it('applies the same limit to what an injected reader returns', () => {
    const readFile = () => 'z'.repeat(MAX_SECRET_FILE_BYTES + 1);

    expect(() => resolveSecret({ ref: 'file:/run/s1', readFile })).toThrow(
      'expected a file of at most 64 KiB',
    );
  });
});
