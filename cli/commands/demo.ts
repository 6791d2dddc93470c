import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { analyseCase } from '../../agents/index.ts';
import { openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { datasetsRoot as resolveDatasetsRoot } from '../../lib/datasets-root.ts';
import { printable } from '../../lib/printable.ts';
import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { startSimulator } from '../../sim/start-simulator.ts';
import type { Command } from '../command.ts';
import { runFoundationDemo } from '../foundation-demo.ts';
import { parseFlags } from '../parse-flags.ts';
import { createAnalysisRuntime, describeResult, progressLine } from './run.ts';

/** A real multi-step intrusion: payload, discovery, injection, LSASS dump via comsvcs. */
const DEFAULT_RECORDING = join(
  'otrf',
  'datasets',
  'compound',
  'LSASS_campaign_03',
  'metasploit_comsvcs_lsass_memory_dump.zip',
);

const USAGE = `Usage: casebook demo [options]

casebook's main job on a machine with nothing configured: starts the SentinelOne simulator
on a free loopback port with the built-in scenarios (plus a real OTRF recording when the
shared datasets are present), gives every case its first look with the offline model, and
prints each first look and where it was stored.

Options:
  --import <path>   recording to import instead of the default LSASS campaign (repeatable)
  --no-recording    use only the built-in scenarios
  --model <spec>    run the agents on another model (default: the configured one, offline)
  --tour            instead, walk the typed client through the simulator (the foundation demo)`;

export const demo: Command = {
  name: ['demo'],
  summary: 'Analyse the built-in cases on the local simulator (the main job, offline)',
  usage: USAGE,

  async run({ args, config, logger, stdout, stderr }) {
    const { values } = parseFlags({
      args,
      options: {
        import: { type: 'string', multiple: true },
        'no-recording': { type: 'boolean' },
        model: { type: 'string' },
        tour: { type: 'boolean' },
      },
    });

    const datasetsRoot = resolveDatasetsRoot({ configured: config.datasetsPath });
    const defaultRecording = join(datasetsRoot, DEFAULT_RECORDING);
    const recordings =
      values.import ??
      (values['no-recording'] || !existsSync(defaultRecording) ? [] : [defaultRecording]);
    if (recordings.length === 0 && !values['no-recording'] && !values.import) {
      stdout.write(`(no shared datasets at ${datasetsRoot}: using the built-in scenarios only)\n`);
    }

    // At the quiet default an import warning is a plain note below, not a JSON log line.
    const quiet = !logger.isLevelEnabled('info');
    const collected = await collectScenarios({
      recordings,
      datasetsRoot,
      logger: quiet ? logger.child({}, { level: 'error' }) : logger,
    });
    for (const summary of quiet ? collected.summaries : []) {
      for (const warning of summary.warnings) {
        stderr.write(`${printable(`note: ${summary.scenarioId}: ${warning}`)}\n`);
      }
    }
    const sim = await startSimulator({
      scenarios: collected.scenarios,
      timing: { networkChangeMs: 1_500, dvQueryRunningMs: values.tour ? 800 : 0 },
      logger,
    });

    try {
      if (values.tour === true) {
        await runFoundationDemo({
          url: sim.url,
          token: sim.token,
          focusThreatId: collected.scenarios.find(
            (scenario) => scenario.id === collected.summaries[0]?.scenarioId,
          )?.threats[0]?.id,
          logger,
          write: (line) => stdout.write(`${line}\n`),
        });
        return 0;
      }

      return await analyseAll({
        threats: collected.scenarios.flatMap((scenario) =>
          scenario.threats.map((threat) => ({ id: threat.id, scenario: scenario.title })),
        ),
        url: sim.url,
        token: sim.token,
        model: values.model,
        config,
        logger,
        stdout,
        stderr,
      });
    } finally {
      await sim.close();
    }
  },
};

async function analyseAll({
  threats,
  url,
  token,
  model,
  config,
  logger,
  stdout,
  stderr,
}: {
  threats: { id: string; scenario: string }[];
  url: string;
  token: string;
  model: string | undefined;
  config: Parameters<Command['run']>[0]['config'];
  logger: Parameters<Command['run']>[0]['logger'];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}): Promise<number> {
  const store = openDatabase({ path: config.databasePath });
  const where = config.databasePath === ':memory:' ? 'memory' : resolve(config.databasePath);
  const isTty = (stderr as { isTTY?: boolean }).isTTY === true;
  let failed = 0;

  try {
    const runtime = createAnalysisRuntime({
      store,
      config,
      tenantId: DEFAULT_TENANT_ID,
      consoleUrl: url,
      token,
      logger,
      model,
    });
    stdout.write(`console: ${url} (simulator), ${threats.length} case(s)\n`);

    for (const threat of threats) {
      stdout.write(`\n=== ${threat.scenario} ===\n`);
      const startedAt = performance.now();
      const result = await analyseCase({
        tenantId: DEFAULT_TENANT_ID,
        threatId: threat.id,
        ...runtime,
        db: store.db,
        budget: config.caseBudget,
        trigger: 'demo',
        ...(isTty ? { onStep: (step) => stderr.write(`${progressLine(step)}\n`) } : {}),
      });
      if (result.status === 'failed') failed += 1;
      stdout.write(`${describeResult(result, where)}\n`);
      stdout.write(`(${Math.round(performance.now() - startedAt)} ms)\n`);
    }
  } finally {
    store.close();
  }

  stdout.write(`\n${threats.length - failed} of ${threats.length} case(s) have a first look.\n`);
  return failed === 0 ? 0 : 1;
}
