import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { datasetsRoot as resolveDatasetsRoot } from '../../lib/datasets-root.ts';

import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { startSimulator } from '../../sim/start-simulator.ts';
import type { Command } from '../command.ts';
import { runFoundationDemo } from '../foundation-demo.ts';
import { parseFlags } from '../parse-flags.ts';

/** A real multi-step intrusion: payload, discovery, injection, LSASS dump via comsvcs. */
const DEFAULT_RECORDING = join(
  'otrf',
  'datasets',
  'compound',
  'LSASS_campaign_03',
  'metasploit_comsvcs_lsass_memory_dump.zip',
);

const USAGE = `Usage: casebook demo [options]

Starts the SentinelOne simulator on a free loopback port with the built-in scenarios (plus a
real OTRF recording when the shared datasets are present) and drives it through casebook's
typed client: threats, a storyline read page by page, a Deep Visibility query, a note, an
endpoint isolated and reconnected, and the console's activity log.

Options:
  --import <path>   recording to import instead of the default LSASS campaign (repeatable)
  --no-recording    use only the built-in scenarios`;

export const demo: Command = {
  name: ['demo'],
  summary: 'run the simulator and the typed client end to end',
  usage: USAGE,

  async run({ args, config, logger, stdout }) {
    const { values } = parseFlags({
      args,
      options: { import: { type: 'string', multiple: true }, 'no-recording': { type: 'boolean' } },
    });

    const datasetsRoot = resolveDatasetsRoot({ configured: config.datasetsPath });
    const defaultRecording = join(datasetsRoot, DEFAULT_RECORDING);
    const recordings =
      values.import ??
      (values['no-recording'] || !existsSync(defaultRecording) ? [] : [defaultRecording]);
    if (recordings.length === 0 && !values['no-recording'] && !values.import) {
      stdout.write(`(no shared datasets at ${datasetsRoot}: using the built-in scenarios only)\n`);
    }

    const collected = await collectScenarios({ recordings, datasetsRoot, logger });
    const sim = await startSimulator({
      scenarios: collected.scenarios,
      timing: { networkChangeMs: 1_500, dvQueryRunningMs: 800 },
      logger,
    });

    try {
      await runFoundationDemo({
        url: sim.url,
        token: sim.token,
        focusThreatId: collected.scenarios.find(
          (scenario) => scenario.id === collected.summaries[0]?.scenarioId,
        )?.threats[0]?.id,
        logger,
        write: (line) => stdout.write(`${line}\n`),
      });
    } finally {
      await sim.close();
    }

    return 0;
  },
};
