import { compareEvalReports, readEvalReport } from '../../evals/compare-eval-reports.ts';
import { renderEvalComparison } from '../../evals/render-eval-comparison.ts';
import { printable } from '../../lib/printable.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `Usage: casebook eval compare <before.json> <after.json>

Compares two eval reports (eval-report.json from casebook eval --out): what got better and
what got worse, for the totals and case by case. Exits 1 when anything got worse.`;

/** `casebook eval compare`: a change's effect on the scores, regressions first. */
export const evalCompare: Command = {
  name: ['eval', 'compare'],
  summary: 'Show what got better and worse between two eval reports',
  usage: USAGE,

  async run({ args, stdout }) {
    const { positionals } = parseFlags({ args, positionals: true, options: {} });
    const [first, second, ...extra] = positionals;
    if (first === undefined || second === undefined || extra.length > 0) {
      throw new UsageError('expects two eval reports');
    }
    const comparison = compareEvalReports({
      before: readEvalReport({ path: first }),
      after: readEvalReport({ path: second }),
    });
    const lines = renderEvalComparison(comparison)
      .split('\n')
      .map((line) => printable(line));
    stdout.write(`${lines.join('\n')}\n`);
    return comparison.changes.some((change) => change.direction === 'worse') ? 1 : 0;
  },
};
