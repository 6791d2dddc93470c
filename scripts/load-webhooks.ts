/**
 * Load test of the HTTP API: `casebook serve` (a child process, on loopback) with its
 * local simulator seeded with LOAD_CASES distinct threats (default 200: the built-in
 * phishing case cloned with new threat, agent, event, storyline and process ids and
 * host names), one signed webhook per case, every run followed over SSE. Prints:
 * - accepted per second: webhooks answered 202, over the time to send them all;
 * - time to first look (webhook sent -> "store first look" step streamed): p50 / p95 /
 *   max, and the same from the run's start (without the time spent queued);
 * - that every case got exactly one run, also after every webhook was delivered again.
 * LOAD_CONCURRENCY sets the server's run concurrency (default 16). Each run makes one
 * Deep Visibility sweep, and the client spaces DV status polls one second apart per
 * token, as the real console demands: that limit, not casebook, sets the pace of a
 * tenant's runs. Absolute times depend on the machine.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { openDatabase } from '../db/open-database.ts';
import { systemClock } from '../lib/clock.ts';
import { createAuditTrail } from '../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../policy/audit/secret-redactor.ts';
import { createApiKey } from '../server/auth/api-keys.ts';
import { signWebhook } from '../server/webhooks/webhook-signature.ts';
import { Scenario } from '../sim/scenario.ts';
import { table } from './bench-support.ts';

const CASES = Number(process.env.LOAD_CASES ?? 200);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);
const SENDERS = 20;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'load-test-webhook-secret-0123456789';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A stand-in id of the same shape, fixed per copy and original. */
function remapped(copy: number, value: string): string {
  const digest = createHash('sha256').update(`${copy}:${value}`).digest('hex');
  if (/^\d+$/.test(value))
    return `9${BigInt(`0x${digest}`)
      .toString()
      .slice(0, value.length - 1)}`;
  const hex = digest.slice(0, value.length);
  return value === value.toUpperCase() ? hex.toUpperCase() : hex;
}

/**
 * Copy `copy` of a scenario: every int64 id, 16-digit hex id (storylines, process uids),
 * hash and agent uuid replaced wherever it appears, host and user names suffixed, and
 * the case's indicator domains and addresses made its own, so copies share one console
 * without their fleet sweeps finding each other.
 */
function cloneScenario(base: Scenario, copy: number): Scenario {
  const swaps = new Map<string, string>();
  const renames: [string, string][] = [];
  for (const agent of base.agents) {
    swaps.set(agent.uuid, remapped(copy, agent.uuid));
    renames.push([agent.computerName, `${agent.computerName}-${copy}`]);
    if (agent.lastLoggedInUserName !== '') {
      renames.push([agent.lastLoggedInUserName, `${agent.lastLoggedInUserName}${copy}`]);
    }
  }
  for (const ioc of base.groundTruth.iocs) {
    if (ioc.type === 'domain') renames.push([ioc.value, `c${copy}-${ioc.value}`]);
    if (ioc.type === 'ip') {
      renames.push([
        ioc.value,
        `${ioc.value.split('.')[0]}.${copy >> 8}.${copy & 255}.${ioc.value.split('.')[3]}`,
      ]);
    }
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const known = swaps.get(value);
      if (known !== undefined) return known;
      if (
        /^\d{15,20}$/.test(value) ||
        /^[0-9A-F]{16}$/.test(value) ||
        /^[0-9a-f]{32,64}$/.test(value)
      ) {
        const id = remapped(copy, value);
        swaps.set(value, id);
        return id;
      }
      return renames.reduce((text, [from, to]) => text.split(from).join(to), value);
    }
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    }
    return value;
  };
  return Scenario.parse({ ...(walk(base) as Scenario), id: `${base.id}-load-${copy}` });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-load-'));
  const base = Scenario.parse(
    JSON.parse(readFileSync(join(ROOT, 'sim/scenarios/phishing-macro-powershell.json'), 'utf8')),
  );
  const threats: string[] = [];
  const files: string[] = [];
  for (let copy = 0; copy < CASES; copy += 1) {
    const scenario = cloneScenario(base, copy);
    const file = join(dir, `case-${copy}.json`);
    writeFileSync(file, JSON.stringify(scenario));
    files.push(file);
    threats.push((scenario.threats[0] as { id: string }).id);
  }
  if (new Set(threats).size !== CASES) throw new Error('cloned threat ids collide');

  const databasePath = join(dir, 'casebook.db');
  writeFileSync(join(dir, 'webhook.secret'), SECRET);
  const store = openDatabase({ path: databasePath });
  const { key } = createApiKey({
    db: store.db,
    clock: systemClock,
    audit: createAuditTrail({ db: store.db, clock: systemClock, redactor: createSecretRedactor() }),
    tenantId: 'default',
    principalId: 'load-test',
    role: 'automation',
    createdBy: 'load-webhooks',
  });
  store.close();

  const serve = spawn(
    join(ROOT, 'casebook'),
    ['serve', '--port', '0', '--no-builtin', ...files.flatMap((file) => ['--scenario', file])],
    {
      env: {
        ...process.env,
        CASEBOOK_CONFIG: '',
        CASEBOOK_DB: databasePath,
        CASEBOOK_RUN_CONCURRENCY: String(CONCURRENCY),
        CASEBOOK_WEBHOOK_SECRET: SECRET,
      },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (chunk) => {
      out += String(chunk);
      const found = /listening on (\S+)/.exec(out);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    serve.once('exit', (code) => reject(new Error(`casebook serve exited with ${code}`)));
  });

  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const send = (threatId: string) => {
      const body = JSON.stringify({ threatId });
      const timestamp = Math.floor(Date.now() / 1000);
      return fetch(`${url}/v1/webhooks/sentinelone`, {
        method: 'POST',
        headers: {
          ...headers,
          'x-casebook-timestamp': String(timestamp),
          'x-casebook-signature': signWebhook({ secret: SECRET, timestamp, body }),
        },
        body,
      });
    };

    const sentAt = new Map<string, number>();
    const runOf = new Map<string, string>();
    const statuses = new Map<number, number>();
    const streams: Promise<void>[] = [];
    const firstLookMs: number[] = [];
    const fromStartMs: number[] = [];
    const ends = new Map<string, string>();
    const follow = async (threatId: string, runId: string) => {
      const response = await fetch(`${url}/v1/runs/${runId}/events`, { headers });
      const text = await response.text();
      for (const block of text.split('\n\n')) {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null');
        if (event === 'step' && data.name === 'store first look') {
          firstLookMs.push(data.finishedAt - (sentAt.get(threatId) ?? Number.NaN));
        }
        if (event === 'end') ends.set(runId, data.status);
      }
    };

    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < threats.length) {
          const threatId = threats[next] as string;
          next += 1;
          sentAt.set(threatId, Date.now());
          const response = await send(threatId);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const { runId } = (await response.json()) as { runId: string };
          runOf.set(threatId, runId);
          streams.push(follow(threatId, runId));
        }
      }),
    );
    const acceptSeconds = (performance.now() - started) / 1000;
    await Promise.all(streams);
    const wallSeconds = (performance.now() - started) / 1000;

    const failures = new Map<string, number>();
    for (const runId of runOf.values()) {
      const run = (await (await fetch(`${url}/v1/runs/${runId}`, { headers })).json()) as {
        startedAt: number;
        steps: { name: string; finishedAt: number }[];
        failure: { code: string; message: string } | null;
      };
      if (run.failure !== null) {
        const reason = `${run.failure.code}: ${run.failure.message.slice(0, 160)}`;
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
      const stored = run.steps.find((step) => step.name === 'store first look');
      if (stored !== undefined) fromStartMs.push(stored.finishedAt - run.startedAt);
    }

    // Every webhook again, signed anew: each must answer with the case's one run.
    const redelivered = await Promise.all(
      threats.map(async (threatId) => (await (await send(threatId)).json()) as { runId: string }),
    );
    const sameRun = redelivered.filter(
      (answer, index) => answer.runId === runOf.get(threats[index] as string),
    ).length;
    let exactlyOne = 0;
    for (const threatId of threats) {
      const view = (await (await fetch(`${url}/v1/cases/${threatId}`, { headers })).json()) as {
        runs: unknown[];
      };
      if (view.runs.length === 1) exactlyOne += 1;
    }

    const succeeded = [...ends.values()].filter((status) => status === 'succeeded').length;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    process.stdout.write(
      `${table([
        ['measure', 'value'],
        ['cases (distinct threats)', String(CASES)],
        ['run concurrency', String(CONCURRENCY)],
        ['webhooks answered 202', `${statuses.get(202) ?? 0} of ${CASES}`],
        ['accepted per second', (CASES / acceptSeconds).toFixed(1)],
        ['runs succeeded', `${succeeded} of ${CASES}`],
        ['time to first look p50', seconds(percentile(firstLookMs, 50))],
        ['time to first look p95', seconds(percentile(firstLookMs, 95))],
        ['time to first look max', seconds(Math.max(...firstLookMs))],
        ['from run start p50', seconds(percentile(fromStartMs, 50))],
        ['from run start p95', seconds(percentile(fromStartMs, 95))],
        ['all first looks stored after', `${wallSeconds.toFixed(1)} s`],
        ['redelivered webhooks -> same run', `${sameRun} of ${CASES}`],
        ['cases with exactly one run', `${exactlyOne} of ${CASES}`],
      ])}\n`,
    );
    for (const [reason, count] of failures) process.stdout.write(`failed ${count}x: ${reason}\n`);
    if (exactlyOne !== CASES || sameRun !== CASES || succeeded !== CASES) process.exitCode = 1;
  } finally {
    serve.kill('SIGINT');
    await new Promise((resolve) => serve.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
