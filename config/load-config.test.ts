import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ConfigError } from './config-error.ts';
import { loadConfig } from './load-config.ts';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'casebook-config-'));

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the defaults when nothing is configured', () => {
    const config = loadConfig({ env: {}, cwd: emptyDir() });

    expect(config.databasePath).toBe('.casebook/casebook.db');
    expect(config.logLevel).toBe('warn');
    expect(config.sim).toEqual({ host: '127.0.0.1', port: 4610, databasePath: ':memory:' });
    expect(config.sentinelone).toEqual({ timeoutMs: 30_000, maxRetries: 4 });
    expect(config.tenants).toEqual([]);
  });

  it('lets environment variables override the file', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'casebook.config.json'), JSON.stringify({ sim: { port: 7000 } }));

    const config = loadConfig({ env: { CASEBOOK_SIM_PORT: '7100', CASEBOOK_DB: ':memory:' }, cwd });

    expect(config.sim.port).toBe(7100);
    expect(config.databasePath).toBe(':memory:');
  });

  it('reads tenants from a YAML file', () => {
    const cwd = emptyDir();
    const file = join(cwd, 'casebook.config.yaml');
    writeFileSync(
      file,
      [
        'tenants:',
        '  - id: acme',
        '    name: Acme Corp',
        '    consoleUrl: https://usea1-acme.sentinelone.net',
        '    tokenRef: env:ACME_S1_TOKEN',
      ].join('\n'),
    );

    const config = loadConfig({ env: {}, cwd });

    expect(config.tenants).toEqual([
      {
        id: 'acme',
        name: 'Acme Corp',
        consoleUrl: 'https://usea1-acme.sentinelone.net',
        tokenRef: 'env:ACME_S1_TOKEN',
      },
    ]);
  });

  it('names the environment variable and the expectation for a non-integer port', () => {
    const error = problemsOf(() =>
      loadConfig({ env: { CASEBOOK_SIM_PORT: 'abc' }, cwd: emptyDir() }),
    );

    expect(error.problems).toEqual([
      { key: 'sim.port', source: 'CASEBOOK_SIM_PORT', expected: 'an integer', received: '"abc"' },
    ]);
    expect(error.message).toContain('sim.port (from CASEBOOK_SIM_PORT): expected an integer');
  });

  it('names the key path and the file for an out-of-range value', () => {
    const cwd = emptyDir();
    const file = join(cwd, 'casebook.config.json');
    writeFileSync(file, JSON.stringify({ sim: { port: 70_000 }, logLevel: 'loud' }));

    const error = problemsOf(() => loadConfig({ env: {}, cwd }));

    expect(error.problems.map((p) => [p.key, p.source, p.received])).toEqual([
      ['logLevel', file, '"loud"'],
      ['sim.port', file, '70000'],
    ]);
    expect(error.problems[0]?.expected).toBe(
      'one of "silent", "fatal", "error", "warn", "info", "debug", "trace"',
    );
    expect(error.problems[1]?.expected).toBe('a number of at most 65535');
    expect(error.message).toContain('sim.port (from');
    expect(error.message).not.toMatch(/expected \w+: expected/i);
  });

  it('rejects unknown keys instead of ignoring them', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'casebook.config.json'), JSON.stringify({ sim: { prot: 1 } }));

    const error = problemsOf(() => loadConfig({ env: {}, cwd }));

    expect(error.problems).toEqual([
      expect.objectContaining({ key: 'sim.prot', expected: 'no such key' }),
    ]);
  });

  it('never echoes a token value in its message', () => {
    const error = problemsOf(() =>
      loadConfig({ env: { CASEBOOK_SIM_TOKEN: 'short' }, cwd: emptyDir() }),
    );

    expect(error.problems[0]).toMatchObject({ key: 'sim.token', received: '[redacted]' });
    expect(error.message).not.toContain('short');
  });

  it('rejects a tenant token given inline rather than as a reference', () => {
    const cwd = emptyDir();
    writeFileSync(
      join(cwd, 'casebook.config.json'),
      JSON.stringify({
        tenants: [{ id: 'a', name: 'A', consoleUrl: 'https://a.example', tokenRef: 'eyJhbGc' }],
      }),
    );

    const error = problemsOf(() => loadConfig({ env: {}, cwd }));

    expect(error.problems[0]).toMatchObject({ key: 'tenants.0.tokenRef', received: '[redacted]' });
  });

  it('reports a config file that is not valid JSON', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'casebook.config.json'), '{ "sim": ');

    const error = problemsOf(() => loadConfig({ env: {}, cwd }));

    expect(error.problems[0]).toMatchObject({ key: '(file)', expected: 'valid JSON or YAML' });
  });

  it('reports a named config file that does not exist', () => {
    const error = problemsOf(() =>
      loadConfig({ env: { CASEBOOK_CONFIG: 'nope.json' }, cwd: emptyDir() }),
    );

    expect(error.problems[0]).toMatchObject({ expected: 'an existing config file' });
  });
});
