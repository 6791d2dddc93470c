import { datasetsRoot } from '../../lib/datasets-root.ts';
import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { formatImportTable } from '../../sim/import/index.ts';
import {
  FAULT_KINDS,
  type FaultKind,
  type RealismOptionsInput,
} from '../../sim/server/realism/realism-options.ts';

type Realism = NonNullable<RealismOptionsInput>;

import { startSimulator } from '../../sim/start-simulator.ts';
import type { Command } from '../command.ts';
import { integerFlag, parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `Usage: casebook sim serve [options]

Starts the local SentinelOne console simulator (Management API v2.1 under /web/api/v2.1).

Options:
  --host <addr>          address to bind (default: config sim.host, 127.0.0.1)
  --port <n>             port, 0 for any free one (default: config sim.port, 4610)
  --token <t>            API token to accept (default: config sim.token, else random)
  --store <path>         simulator database (default: config sim.databasePath, :memory:)
  --scenario <file>      load a scenario JSON file (repeatable)
  --import <path>        import OTRF recordings from a zip, tar.gz or folder (repeatable)
  --no-builtin           skip the built-in scenarios
  --rate-limits          enforce the console's per-path rate limits (429 + Retry-After)
  --latency <ms|a-b>     add latency to every response, fixed or a range
  --fault-rate <0..1>    share of requests that fail
  --fault-kinds <list>   comma list of ${FAULT_KINDS.join(', ')} (default: all)
  --seed <n>             seed for latency and faults (default 1)
  --ignore-agent-actions accept disconnect/connect but never change network status`;

export const simServe: Command = {
  name: ['sim', 'serve'],
  summary: 'Start the local SentinelOne simulator',
  usage: USAGE,

  async run({ args, config, logger, stdout, interrupted }) {
    const { values } = parseFlags({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        store: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        import: { type: 'string', multiple: true },
        'no-builtin': { type: 'boolean' },
        'rate-limits': { type: 'boolean' },
        latency: { type: 'string' },
        'fault-rate': { type: 'string' },
        'fault-kinds': { type: 'string' },
        seed: { type: 'string' },
        'ignore-agent-actions': { type: 'boolean' },
      },
    });

    const port = integerFlag({ name: 'port', value: values.port, min: 0, max: 65_535 });
    const realism = readRealism(values);
    const collected = await collectScenarios({
      builtin: !values['no-builtin'],
      scenarioFiles: values.scenario ?? [],
      recordings: values.import ?? [],
      datasetsRoot: datasetsRoot({ configured: config.datasetsPath }),
      logger,
    });
    if (collected.summaries.length > 0) stdout.write(`${formatImportTable(collected.summaries)}\n`);

    const host = values.host ?? config.sim.host;
    const chosenPort = port ?? config.sim.port;
    const sim = await startSimulator({
      host,
      port: chosenPort,
      ...((values.token ?? config.sim.token) ? { token: values.token ?? config.sim.token } : {}),
      storePath: values.store ?? config.sim.databasePath,
      scenarios: collected.scenarios,
      realism,
      logger,
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new UsageError(
          `${host}:${chosenPort} is in use; pass --port <n>, or --port 0 for any`,
        );
      }
      throw error;
    });

    // Counted from the store, which may hold scenarios imported or loaded earlier.
    const count = (table: string) =>
      sim.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const switches = describeRealism(realism);
    stdout.write(
      [
        `SentinelOne simulator listening on ${sim.url}`,
        `  token:     ${sim.token}`,
        `  scenarios: ${count('scenarios')} (${count('threats')} threats, ${count('events')} events)`,
        ...(switches ? [`  realism:   ${switches}`] : []),
        '',
        'Try:',
        `  curl -s -H "Authorization: ApiToken ${sim.token}" ${sim.url}/web/api/v2.1/threats`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );

    await interrupted;
    await sim.close();
    stdout.write('simulator stopped\n');
    return 0;
  },
};

function describeRealism(realism: Realism): string {
  const parts = [
    realism.rateLimits ? 'rate limits' : '',
    realism.latencyMs === undefined ? '' : `latency ${JSON.stringify(realism.latencyMs)} ms`,
    realism.faults ? `faults ${realism.faults.rate} (${realism.faults.kinds?.join(', ')})` : '',
    realism.ignoreAgentActions ? 'agent actions ignored' : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function readRealism(values: {
  'rate-limits'?: boolean;
  latency?: string;
  'fault-rate'?: string;
  'fault-kinds'?: string;
  seed?: string;
  'ignore-agent-actions'?: boolean;
}): Realism {
  const realism: Realism = {
    rateLimits: values['rate-limits'] ?? false,
    ignoreAgentActions: values['ignore-agent-actions'] ?? false,
  };

  const seed = integerFlag({ name: 'seed', value: values.seed, min: 0, max: 2 ** 31 });
  if (seed !== undefined) realism.seed = seed;

  if (values.latency !== undefined) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
    if (!match) throw new UsageError(`--latency expects milliseconds or a range like 50-200`);
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : Number(match[2]);
    if (max < min) throw new UsageError('--latency range must not be reversed');
    realism.latencyMs = min === max ? min : { min, max };
  }

  if (values['fault-rate'] !== undefined) {
    const rate = Number(values['fault-rate']);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new UsageError(
        `--fault-rate expects a number from 0 to 1, got "${values['fault-rate']}"`,
      );
    }
    const kinds = (values['fault-kinds'] ?? FAULT_KINDS.join(',')).split(',').map((k) => k.trim());
    const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
    if (unknown.length > 0) {
      throw new UsageError(`--fault-kinds: unknown ${unknown.join(', ')}; use ${FAULT_KINDS}`);
    }
    realism.faults = { rate, kinds: kinds as FaultKind[] };
  } else if (values['fault-kinds'] !== undefined) {
    throw new UsageError('--fault-kinds needs --fault-rate');
  }

  return realism;
}
