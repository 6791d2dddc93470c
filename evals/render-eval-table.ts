import type { EvalReport } from './eval-report.ts';
import { CASE_COLUMNS, caseRow, totalRows } from './eval-rows.ts';

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The eval for a terminal: one row per case, then the totals and the run's speed. */
export function renderEvalTable(report: EvalReport): string {
  const { scored, timings } = report;
  return [
    `eval: ${scored.cases.length} cases, model ${scored.model}, phase ${scored.phase}`,
    '',
    table([CASE_COLUMNS, ...scored.cases.map(caseRow)]),
    '',
    table([['total', 'value'], ...totalRows(scored.totals)]),
    '',
    `wall time ${(timings.totalWallMs / 1000).toFixed(1)} s at concurrency ` +
      `${timings.concurrency} (${timings.casesPerMinute ?? '-'} cases per minute)`,
  ].join('\n');
}
