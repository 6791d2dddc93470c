import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { datasetsRoot } from '../../lib/datasets-root.ts';
import {
  DEFAULT_ATTACK_FILE,
  formatImportSummary,
  formatImportTable,
  type ImportSummary,
  importRecordings,
  loadAttackCatalog,
} from '../../sim/import/index.ts';
import { loadScenario } from '../../sim/store/load-scenario.ts';
import { openSimStore, type SimStore } from '../../sim/store/open-sim-store.ts';
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
  summary: 'Import OTRF recordings into simulator scenarios',
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

    const root = datasetsRoot({ configured: config.datasetsPath });
    const attackFile = join(root, DEFAULT_ATTACK_FILE);
    const attack = existsSync(attackFile)
      ? await loadAttackCatalog({ path: attackFile })
      : undefined;
    if (!attack) {
      stderr.write(
        `note: no ATT&CK list at ${attackFile}; technique labels are kept as recorded ` +
          'and not checked against v18.1 (set CASEBOOK_DATASETS to the datasets folder)\n',
      );
    }
    if (values.out) await mkdir(values.out, { recursive: true });

    // Opened on the first recording that imports, so a bad path leaves no empty store.
    let store: SimStore | undefined;
    const summaries: ImportSummary[] = [];
    let failed = 0;
    try {
      const outcomes = importRecordings({
        paths: positionals,
        datasetsRoot: root,
        ...(attack ? { attack } : {}),
        // Each recording's warnings are printed below as text, not as log lines.
        logger: logger.child({}, { level: 'error' }),
      });
      for await (const outcome of outcomes) {
        if (outcome.status === 'failed') {
          failed += 1;
          stderr.write(`failed: ${outcome.path}: ${outcome.error.message}\n`);
          continue;
        }
        if (outcome.status === 'skipped') {
          stdout.write(`skipped: ${outcome.reason}\n`);
          continue;
        }

        store ??= openSimStore({ path: values.store ?? '.casebook/sim.db' });
        loadScenario(store, outcome.scenario);
        if (values.out) {
          const file = join(values.out, `${outcome.scenario.id}.json`);
          await writeFile(file, `${JSON.stringify(outcome.scenario, null, 1)}\n`);
        }
        summaries.push(outcome.summary);
        if (values.verbose) {
          stdout.write(`${formatImportSummary(outcome.summary)}\n\n`);
          continue;
        }
        for (const warning of outcome.summary.warnings) {
          if (warning.startsWith('no ATT&CK catalogue loaded')) continue;
          stderr.write(`warning: ${outcome.scenario.id}: ${warning}\n`);
        }
      }
    } finally {
      store?.close();
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
