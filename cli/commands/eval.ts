import { resolve } from 'node:path';

import {
  checkThresholds,
  DEFAULT_THRESHOLDS_FILE,
  loadEvalThresholds,
} from '../../evals/eval-thresholds.ts';
import { formatShare } from '../../evals/format-share.ts';
import { parseEvalCases } from '../../evals/parse-eval-cases.ts';
import { renderEvalTable } from '../../evals/render-eval-table.ts';
import { runEval } from '../../evals/run-eval.ts';
import { writeEvalReports } from '../../evals/write-eval-reports.ts';
import { printable } from '../../lib/printable.ts';
import { RolloutPhase } from '../../policy/index.ts';
import type { Command } from '../command.ts';
import { integerFlag, parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `Usage: casebook eval [cases...] [options]

Replays cases on fresh in-process simulators, gives each its first look, and scores it
against the case's ground truth: verdict, severity, ATT&CK techniques, root cause,
affected endpoints, IOCs, citations, writes run without approval, cost and speed.

A case is a built-in scenario id, a scenario .json file, or an OTRF recording (a file or
a folder of them, imported on the fly). Without cases, every built-in scenario is replayed.

Options:
  --model <spec>        offline (default) | openai:<model> |
                        openai-compatible:<base URL>#<model>
  --phase <phase>       policy phase: observe | assist | automate (default policy otherwise)
  --concurrency <n>     cases replayed at once (default 1)
  --out <dir>           write eval-report.json and eval-report.md there
  --thresholds <file>   the gate (default evals/thresholds.json); exit 1 when a total misses`;

/** `casebook eval`: score the agents against what really happened, and gate on it. */
export const evalCommand: Command = {
  name: ['eval'],
  summary: 'replay cases and score the first looks against their ground truth',
  usage: USAGE,

  async run({ args, stdout, stderr }) {
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        model: { type: 'string' },
        phase: { type: 'string' },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        thresholds: { type: 'string' },
      },
    });
    const phase = values.phase === undefined ? undefined : RolloutPhase.safeParse(values.phase);
    if (phase !== undefined && !phase.success) {
      throw new UsageError(`--phase expects observe, assist or automate, got "${values.phase}"`);
    }
    const concurrency =
      integerFlag({ name: 'concurrency', value: values.concurrency, min: 1, max: 64 }) ?? 1;
    const thresholds = loadEvalThresholds({
      path: values.thresholds ?? DEFAULT_THRESHOLDS_FILE,
    });
    const list = await parseEvalCases({ args: positionals });

    const isTty = (stderr as { isTTY?: boolean }).isTTY === true;
    let done = 0;
    const report = await runEval({
      list,
      model: values.model,
      phase: phase?.data,
      concurrency,
      onCase: (score, wallMs) => {
        done += 1;
        const outcome =
          score.status === 'failed' ? `failed (${score.error})` : score.verdict.predicted;
        const line = printable(`[${done}] ${score.caseId}: ${outcome} ${Math.round(wallMs)} ms`);
        // A terminal gets one line redrawn in place; CI logs get one plain line per case.
        stderr.write(isTty ? `\r\x1b[2K${line.slice(0, 120)}` : `${line}\n`);
      },
    });
    if (isTty) stderr.write('\r\x1b[2K');

    stdout.write(`${renderEvalTable(report)}\n`);
    if (values.out !== undefined) {
      for (const path of writeEvalReports({ report, dir: resolve(values.out) })) {
        stdout.write(`wrote ${path}\n`);
      }
    }
    const misses = checkThresholds({ totals: report.scored.totals, thresholds });
    for (const miss of misses) {
      const actual = miss.actual === null ? 'no data' : formatValue(miss.metric, miss.actual);
      const bound = miss.bound === 'min' ? 'at least' : 'at most';
      const limit = formatValue(miss.metric, miss.limit);
      stdout.write(`threshold missed: ${miss.metric} is ${actual}, ${bound} ${limit} required\n`);
    }
    stdout.write(misses.length === 0 ? 'thresholds: all met\n' : '');
    return misses.length === 0 ? 0 : 1;
  },
};

/** Counts print as counts, shares as percentages. */
function formatValue(metric: string, value: number): string {
  return metric === 'unapprovedWrites' || metric === 'failed' ? String(value) : formatShare(value);
}
