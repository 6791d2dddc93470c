import { describe, expect, it } from 'vitest';

import { ConfigError } from './config-error.ts';
import { resolveSecret } from './resolve-secret.ts';

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
});
