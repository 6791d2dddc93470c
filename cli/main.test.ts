import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../config/load-config.ts';
import { silentLogger } from '../lib/logger.ts';
import type { CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { simServe } from './commands/sim-serve.ts';
import { main } from './main.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('casebook CLI', () => {
  it('lists the commands with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('casebook sim serve');
    expect(stdout).toContain('casebook demo');
  });

  it('starts every command summary with a capital letter', () => {
    const lower = COMMANDS.filter((command) => !/^[A-Z]/.test(command.summary));

    expect(lower.map((command) => command.name.join(' '))).toEqual([]);
  });

  it('lists the commands of a group', async () => {
    const { code, stdout } = await run(['actions', '--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('casebook actions approve');
    expect(stdout).not.toContain('casebook sim serve');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const { code, stderr } = await run(['sim', 'explode']);

    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "sim explode"');
  });

  it('rejects a port that is not a number and shows the usage', async () => {
    const { code, stderr } = await run(['sim', 'serve', '--port', 'abc']);

    expect(code).toBe(2);
    expect(stderr).toContain('--port expects an integer from 0 to 65535, got "abc"');
    expect(stderr).toContain('Usage: casebook sim serve');
  });

  it('suggests the command a misspelt word was probably meant to be', async () => {
    const typo = await run(['rn', '229149014525984882']);
    const inGroup = await run(['sim', 'sevre']);

    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe(
      'casebook: unknown command "rn 229149014525984882"; did you mean "run"?',
    );
    expect(inGroup.stderr.split('\n')[0]).toBe(
      'casebook: unknown command "sim sevre"; did you mean "sim serve"?',
    );
    expect((await run(['--jsn'])).stderr.split('\n')[0]).toBe('casebook: unknown command "--jsn"');
  });

  it('rejects an unknown flag in one line, suggesting the flag it is close to', async () => {
    const { code, stderr } = await run(['sim', 'serve', '--prot', '1']);

    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      'casebook sim serve: unknown option --prot; did you mean --port?',
    );
  });

  it('says a flag needs a value in one line, for the actions commands too', async () => {
    const { code, stderr } = await run(['actions', 'list', '--tenant']);

    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('casebook actions list: --tenant needs a value');
  });

  it('stops on a bad configuration value, naming the variable', async () => {
    const { code, stderr } = await run(['sim', 'serve'], { CASEBOOK_LOG_LEVEL: 'loud' });

    expect(code).toBe(2);
    expect(stderr).toContain('logLevel (from CASEBOOK_LOG_LEVEL)');
  });

  it('says which address is taken instead of a raw listen error', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };

    const { code, stderr } = await run(['sim', 'serve', '--port', String(port), '--no-builtin']);
    blocker.close();

    expect(code).toBe(2);
    expect(stderr).toContain(`127.0.0.1:${port} is in use; pass --port <n>, or --port 0 for any`);
  });

  it('needs at least one recording to import', async () => {
    const { code, stderr } = await run(['sim', 'import']);

    expect(code).toBe(2);
    expect(stderr).toContain('name at least one recording or folder');
  });

  it('reports a scenario file that does not exist without starting the simulator', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'casebook-cli-')), 'nope.json');

    const { code, stderr } = await run(['sim', 'serve', '--port', '0', '--scenario', missing]);

    expect(code).toBe(2);
    expect(stderr).toContain('nope.json');
  });

  it('serves the built-in scenarios until interrupted', async () => {
    const out = capture();
    let stop = () => {};
    const interrupted = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const context: CommandContext = {
      args: ['--port', '0', '--token', 'test-token-0123456789abcdef'],
      config: loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'casebook-cli-')) }),
      logger: silentLogger,
      stdout: out.stream,
      stderr: capture().stream,
      interrupted,
    };

    const running = simServe.run(context);
    while (!out.text().includes('Press Ctrl-C')) await new Promise((r) => setTimeout(r, 10));
    const url = /listening on (\S+)/.exec(out.text())?.[1];
    const response = await fetch(`${url}/web/api/v2.1/threats?limit=1`, {
      headers: { Authorization: 'ApiToken test-token-0123456789abcdef' },
    });
    const body = (await response.json()) as { pagination: { totalItems: number } };
    stop();

    expect(await running).toBe(0);
    expect(response.status).toBe(200);
    expect(body.pagination.totalItems).toBeGreaterThanOrEqual(4);
    expect(out.text()).toContain('simulator stopped');
  });
});
