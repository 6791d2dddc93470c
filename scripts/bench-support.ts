import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { datasetsRoot } from '../lib/datasets-root.ts';

export { datasetsRoot };

/** Shared datasets beside the checkout, or where CASEBOOK_DATASETS points. */

export function requireRecordings(): string {
  const root = datasetsRoot();
  const otrf = join(root, 'otrf');
  if (!existsSync(otrf)) {
    process.stderr.write(
      `no recordings at ${otrf}; set CASEBOOK_DATASETS to the datasets folder\n`,
    );
    process.exit(2);
  }
  return otrf;
}

export function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined
    ? (process.argv[at + 1] as string)
    : fallback;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths =
    cells[0]?.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0))) ?? [];
  return cells
    .map((row) =>
      row
        .map((cell, i) =>
          cell.padStart(i === 0 ? 0 : (widths[i] ?? 0)).padEnd(i === 0 ? (widths[i] ?? 0) : 0),
        )
        .join('  '),
    )
    .join('\n');
}
