/**
 * What the policy layer costs. Prints:
 * - the gate's overhead per tool call: a trivial read tool run raw (its execute) and
 *   through the gate (validation, policy, canonical hash, audit append), in microseconds
 *   and as a ratio, on an in-memory store and on a WAL file in os.tmpdir();
 * - an allowed write through the gate (preview, policy, execute, verify, three entries);
 * - audit appends per second and chain verification per second on the WAL file.
 * Absolute numbers depend on the machine and its disk; the ratios are the point.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';

import { openDatabase } from '../db/open-database.ts';
import { systemClock } from '../lib/clock.ts';
import { createAuditTrail } from '../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../policy/audit/secret-redactor.ts';
import { verifyAuditChain } from '../policy/audit/verify-audit-chain.ts';
import { createToolGate } from '../policy/gate/tool-gate.ts';
import { AI_DRAFT_HEADER } from '../policy/rules/ai-draft-note.ts';
import { parsePolicy } from '../policy/rules/parse-policy.ts';
import { POLICY_SCENARIO_INPUT, THREAT_ID } from '../policy/testing/policy-scenario.ts';
import { startSimulator } from '../sim/start-simulator.ts';
import { toolFactory } from '../tools/registry/define-tool.ts';
import { createToolRegistry } from '../tools/registry/tool-registry.ts';
import { createSentinelOneClient } from '../tools/sentinelone/sentinelone-client.ts';
import { getThreat } from '../tools/sentinelone/tools/get-threat.ts';
import { sentinelOneCapabilities } from '../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { createSentinelOneRegistry } from '../tools/sentinelone/tools/sentinelone-tools.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 5_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);

const capabilities = {
  reads: { echo: async (text: string) => ({ text }) },
  writes: { note: async (_text: string) => ({ affected: 1 }) },
};
const define = toolFactory<typeof capabilities>();

const echo = define({
  name: 'echo',
  description: 'Returns its input.',
  effect: 'read',
  input: z.strictObject({ text: z.string() }),
  output: z.strictObject({ text: z.string() }),
  execute: ({ text }, { reads }) => reads.echo(text),
});

const note = define({
  name: 'post_note',
  description: 'Posts a note nowhere.',
  effect: 'write',
  input: z.strictObject({ text: z.string() }),
  output: z.strictObject({ affected: z.number() }),
  noteText: ({ text }) => text,
  preview: async () => ({ summary: 'one note' }),
  execute: ({ text }, { writes }) => writes.note(text),
  verify: async () => ({ verified: true, detail: 'listed' }),
});

async function timeEach(count: number, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(500, count); i += 1) await call(i);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await call(i);
  return ((performance.now() - started) * 1_000) / count;
}

async function gateFigures(path: string) {
  const store = openDatabase({ path });
  const registry = createToolRegistry([echo, note]);
  const policy = parsePolicy({ text: 'version: 1', source: 'bench' });
  const gate = createToolGate({
    db: store.db,
    tenantId: 'bench',
    registry,
    capabilities,
    policy,
    clock: systemClock,
  });
  const toolbox = gate.toolbox({ caseId: '1', runId: 'bench', agentId: 'bench' });
  const input = { text: 'powershell -enc SQBFAFgA' };

  if (echo.effect !== 'read') throw new Error('echo must be a read tool');
  const { execute } = echo;
  const raw = await timeEach(CALLS, () =>
    execute(input, { reads: capabilities.reads, signal: undefined }),
  );
  const gated = await timeEach(CALLS, () => toolbox.call({ tool: 'echo', input }));
  const write = await timeEach(CALLS, (i) =>
    toolbox.call({ tool: 'post_note', input: { text: `${AI_DRAFT_HEADER}\nnote ${i}` } }),
  );
  store.close();

  return { raw, gated, write };
}

/** The same comparison for a real read: get_threat over HTTP to a loopback simulator. */
async function consoleFigures(path: string) {
  const sim = await startSimulator({ port: 0, scenarios: [POLICY_SCENARIO_INPUT] });
  const store = openDatabase({ path });
  const capabilities = sentinelOneCapabilities(
    createSentinelOneClient({ baseUrl: sim.url, token: sim.token }),
  );
  const gate = createToolGate({
    db: store.db,
    tenantId: 'bench',
    registry: createSentinelOneRegistry(),
    capabilities,
    policy: parsePolicy({ text: 'version: 1', source: 'bench' }),
    clock: systemClock,
  });
  const toolbox = gate.toolbox({ caseId: THREAT_ID, runId: 'bench', agentId: 'bench' });
  const input = { threatId: THREAT_ID };
  const calls = Math.max(1, Math.round(CALLS / 5));

  try {
    if (getThreat.effect !== 'read') throw new Error('get_threat must be a read tool');
    const { execute } = getThreat;
    const raw = await timeEach(calls, () =>
      execute(input, { reads: capabilities.reads, signal: undefined }),
    );
    const gated = await timeEach(calls, () => toolbox.call({ tool: 'get_threat', input }));
    return { raw, gated };
  } finally {
    store.close();
    await sim.close();
  }
}

function auditFigures(path: string) {
  const store = openDatabase({ path });
  const audit = createAuditTrail({
    db: store.db,
    clock: systemClock,
    redactor: createSecretRedactor(),
  });
  const payload = {
    tool: 'disconnect_agents',
    args: { agentIds: ['2100000000000000001'] },
    status: 'held',
  };

  const started = performance.now();
  for (let i = 0; i < APPENDS; i += 1) {
    audit.append({
      tenantId: 'bench',
      kind: 'tool.call',
      caseId: '1',
      runId: 'r',
      step: i,
      payload,
    });
  }
  const appendSeconds = (performance.now() - started) / 1_000;

  const verifyStarted = performance.now();
  const result = verifyAuditChain({ db: store.db, tenantId: 'bench' });
  const verifySeconds = (performance.now() - verifyStarted) / 1_000;
  const journal = store.sqlite.pragma('journal_mode', { simple: true });
  store.close();

  if (!result.ok) throw new Error(`the benchmark's own chain does not verify: ${result.message}`);
  return {
    appendsPerSecond: APPENDS / appendSeconds,
    verifyPerSecond: APPENDS / verifySeconds,
    journal,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-policy-'));
try {
  const memory = await gateFigures(':memory:');
  const file = await gateFigures(join(dir, 'gate.db'));
  const real = await consoleFigures(join(dir, 'console.db'));
  const audit = auditFigures(join(dir, 'audit.db'));
  const us = (value: number) => `${value.toFixed(1).padStart(8)} µs`;

  console.log(`gate overhead per tool call (${CALLS} calls each, Node ${process.versions.node})`);
  console.log(
    '                         raw execute     gated read   overhead   ratio   allowed write',
  );
  const row = (label: string, raw: number, gated: number, last: string) =>
    console.log(
      [
        `  ${label.padEnd(20)}`,
        us(raw),
        ` ${us(gated)}`,
        us(gated - raw),
        ` ${(gated / raw).toFixed(gated / raw < 10 ? 2 : 0).padStart(5)}x`,
        last,
      ].join(' '),
    );
  row('in-memory store', memory.raw, memory.gated, us(memory.write));
  row('WAL file in tmpdir', file.raw, file.gated, us(file.write));
  row('get_threat, loopback', real.raw, real.gated, ' (WAL file; a real console is slower)');
  console.log('');
  const setting = `journal_mode=${audit.journal}, ${APPENDS} entries, one transaction each`;
  console.log(`audit trail on SQLite (${setting})`);
  console.log(`  appends per second        ${audit.appendsPerSecond.toFixed(0)}`);
  console.log(`  entries verified/second   ${audit.verifyPerSecond.toFixed(0)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
