import { Readable, Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { DEFAULT_POLICY } from '../../policy/rules/policy-file.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createHuntRuntime } from '../hunt-runtime.ts';
import { runHuntRepl } from './run-hunt-repl.ts';

let sim: RunningSimulator;
let store: OpenDatabase;

beforeAll(async () => {
  sim = await startSimulator({
    scenarios: await loadBuiltinScenarios(),
    clock: createManualClock(Date.parse('2025-07-10T00:00:00Z')),
    timing: { dvQueryRunningMs: 0 },
  });
  store = openDatabase({ path: ':memory:' });
});

afterAll(async () => {
  store.close();
  await sim.close();
});

async function session(lines: string[]): Promise<string> {
  let out = '';
  const service = createHuntRuntime({
    db: store.db,
    tenantId: 'default',
    consoleUrl: sim.url,
    token: sim.token,
    policy: DEFAULT_POLICY,
    clock: createManualClock(Date.parse('2025-07-10T00:00:00Z')),
    defaultWindowMs: 400 * 86_400_000,
    maxRetries: 0,
  });
  const code = await runHuntRepl({
    service,
    tenantId: 'default',
    hunterId: 'repl-hunter',
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output: new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    }),
    interactive: false,
  });
  expect(code).toBe(0);
  return out;
}

describe('the hunting REPL on piped input', () => {
  it('refines a query over three follow-ups and promotes the finding', async () => {
    const out = await session([
      'process starts of powershell',
      'only on FILESRV-02',
      'also include net.exe',
      'show the parents',
      ':history',
      ':promote WMI lateral movement',
      ':quit',
      'never read',
    ]);

    const queries = out.split('\n').filter((line) => line.startsWith('query'));
    expect(queries).toEqual([
      'query: EventType = "Process Creation" AND TgtProcName In Anycase ' +
        '("powershell.exe", "pwsh.exe")',
      'query (refined): EventType = "Process Creation" AND TgtProcName In Anycase ' +
        '("powershell.exe", "pwsh.exe") AND EndpointName In Anycase ("FILESRV-02")',
      'query (refined): EventType = "Process Creation" AND TgtProcName In Anycase ' +
        '("powershell.exe", "pwsh.exe", "net.exe") AND EndpointName In Anycase ("FILESRV-02")',
      'query (refined): EventType = "Process Creation" AND TgtProcName In Anycase ' +
        '("powershell.exe", "pwsh.exe", "net.exe") AND EndpointName In Anycase ("FILESRV-02")',
    ]);
    expect(out).toContain('results: 4 events');
    expect(out).toContain('  processes: net.exe (1), powershell.exe (1)');
    expect(out).toContain('  parents: WmiPrvSE.exe (1), powershell.exe (1)');
    expect(out).toMatch(/ {2}8 agent {2}2 events/);
    expect(out).toMatch(/promoted to case hunt-ht-[0-9a-f-]+: 4 queries, \d+ cited events/);
    expect(out).not.toContain('never read');
    expect(out.match(/ {2}… /g)).toBeNull();
  });

  it('says which commands exist', async () => {
    const out = await session([':frobnicate']);
    expect(out).toContain('error: unknown command ":frobnicate"; try :help');
  });
});
