import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../sim/scenario.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/index.ts';
import { main } from '../main.ts';

async function runCommand(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (chunk) => {
    stdout += String(chunk);
  });
  const err = new PassThrough().on('data', (chunk) => {
    stderr += String(chunk);
  });
  const home = mkdtempSync(join(tmpdir(), 'casebook-eval-export-db-'));
  const code = await main(argv, {
    stdout: out,
    stderr: err,
    env: { CASEBOOK_DB: join(home, 'casebook.db') },
  });
  return { code, stdout, stderr };
}

describe('casebook eval export', () => {
  let sim: RunningSimulator;
  let tokenRef: string;
  let closed: string;
  let open: string;
  const dir = mkdtempSync(join(tmpdir(), 'casebook-eval-export-'));

  beforeAll(async () => {
    const scenarios = (await loadBuiltinScenarios()).filter((s) =>
      ['phishing-macro-powershell', 'admin-psexec-deployment'].includes(s.id),
    );
    sim = await startSimulator({ scenarios, timing: { dvQueryRunningMs: 0 } });
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, sim.token);
    tokenRef = `file:${tokenFile}`;
    const [benign, phishing] = scenarios.map((s) => s.threats[0]?.id ?? '');
    closed = benign ?? '';
    open = phishing ?? '';
    const client = createSentinelOneClient({ baseUrl: sim.url, token: sim.token });
    await client.setAnalystVerdict({ threatIds: [closed], verdict: 'false_positive' });
    await client.setIncidentStatus({ threatIds: [closed], status: 'resolved' });
    await client.addThreatNote({ threatIds: [closed], text: 'Change CHG-20431.\nSeverity: low' });
  });
  afterAll(() => sim.close());

  it('writes a scenario file for a closed threat that casebook eval replays', async () => {
    const file = join(dir, 'case.json');
    const exported = await runCommand([
      'eval',
      'export',
      closed,
      '--console',
      sim.url,
      '--token-ref',
      tokenRef,
      '--out',
      file,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain(`wrote ${file}: `);
    expect(exported.stdout).toContain('verdict false_positive; not derived: rootCauseProcessUid');
    expect(exported.code).toBe(0);
    const scenario = Scenario.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(scenario.groundTruth).toMatchObject({ verdict: 'false_positive', severity: 'low' });

    const replayed = await runCommand(['eval', file, '--thresholds', join(dir, 'none.json')]);
    expect(replayed.code).toBe(2);
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ schemaVersion: 1 }));
    const gated = await runCommand(['eval', file, '--thresholds', join(dir, 'none.json')]);
    expect(gated.stdout).toContain(`export-${closed}`);
    expect(gated.stdout).toContain('false_positive');
    expect(gated.code).toBe(0);
  }, 60_000);

  it('refuses an open threat by name and exits 1, writing the closed one', async () => {
    const folder = join(dir, 'set');
    const result = await runCommand([
      'eval',
      'export',
      open,
      closed,
      '--console',
      sim.url,
      '--token-ref',
      tokenRef,
      '--out',
      folder,
    ]);
    expect(result.stderr).toContain(`refused: threat ${open} is still open`);
    expect(result.stdout).toContain(join(folder, `export-${closed}.json`));
    expect(result.code).toBe(1);
  }, 60_000);

  it('needs a console and an output', async () => {
    expect((await runCommand(['eval', 'export', closed, '--out', dir])).code).toBe(2);
    expect((await runCommand(['eval', 'export', closed, '--console', sim.url])).code).toBe(2);
    expect((await runCommand(['eval', 'export', 'abc', '--tenant', 'x', '--out', dir])).code).toBe(
      2,
    );
  });
});
