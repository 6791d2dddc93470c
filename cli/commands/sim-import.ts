import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import {
  formatImportSummary,
  formatImportTable,
  type ImportSummary,
  importRecordings,
} from '../../sim/import/index.ts';
import { loadScenario } from '../../sim/store/load-scenario.ts';
import { openSimStore } from '../../sim/store/open-sim-store.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `Usage: casebook sim import <zip|tar.gz|folder ...> [options]

Imports OTRF Security-Datasets recordings into simulator scenarios and prints what each
produced, with event counts by type. Folders are searched recursively.

Options:
  --store <path>   simulator database to load them into (default .casebook/sim.db);
                   serve it with: casebook sim serve --store <path>
  --out <dir>      also write each scenario as <dir>/<scenario id>.json
  --verbose        print the full report of every recording`;

export const simImport: Command = {
  name: ['sim', 'import'],
  summary: 'import OTRF recordings into simulator scenarios',
  usage: USAGE,

  async run({ args, config, logger, stdout, stderr }) {
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        store: { type: 'string' },
        out: { type: 'string' },
        verbose: { type: 'boolean' },
      },
    });
    if (positionals.length === 0) throw new UsageError('name at least one recording or folder');

    const store = openSimStore({ path: values.store ?? '.casebook/sim.db' });
    if (values.out) await mkdir(values.out, { recursive: true });

    const summaries: ImportSummary[] = [];
    let failed = 0;
    try {
      const outcomes = importRecordings({
        paths: positionals,
        datasetsRoot: resolve(config.datasetsPath),
        logger,
      });
      for await (const outcome of outcomes) {
        if (outcome.status === 'failed') {
          failed += 1;
          stderr.write(`failed: ${outcome.path}: ${outcome.error.message}\n`);
          continue;
        }
        if (outcome.status === 'skipped') {
          stdout.write(`skipped: ${outcome.path} (${outcome.reason})\n`);
          continue;
        }

        loadScenario(store, outcome.scenario);
        if (values.out) {
          const file = join(values.out, `${outcome.scenario.id}.json`);
          await writeFile(file, `${JSON.stringify(outcome.scenario, null, 1)}\n`);
        }
        summaries.push(outcome.summary);
        if (values.verbose) stdout.write(`${formatImportSummary(outcome.summary)}\n\n`);
      }
    } finally {
      store.close();
    }

    if (summaries.length > 0) stdout.write(`${formatImportTable(summaries)}\n\n`);
    stdout.write(`${formatTotals(summaries)}\n`);
    stdout.write(`imported ${summaries.length}, failed ${failed}\n`);

    return failed > 0 ? 1 : 0;
  },
};

function formatTotals(summaries: readonly ImportSummary[]): string {
  const totals = new Map<string, number>();
  for (const summary of summaries) {
    for (const [type, count] of Object.entries(summary.eventTypes)) {
      totals.set(type, (totals.get(type) ?? 0) + count);
    }
  }

  const rows = [...totals].sort((a, b) => b[1] - a[1]);
  const width = Math.max(10, ...rows.map(([type]) => type.length));
  const all = rows.reduce((sum, [, count]) => sum + count, 0);

  return [
    `${'event type'.padEnd(width)}  events`,
    ...rows.map(([type, count]) => `${type.padEnd(width)}  ${count}`),
    `${'total'.padEnd(width)}  ${all}`,
  ].join('\n');
}
