import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stableJson } from '../stable-json.ts';
import type { HuntingEvalReport } from './run-hunting-eval.ts';

export const HUNTING_REPORT_FILES = {
  json: 'hunting-eval-report.json',
  markdown: 'hunting-eval-report.md',
} as const;

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The report for people: totals, then every question that missed, then the rest. */
export function renderHuntingMarkdown(report: HuntingEvalReport): string {
  const { totals } = report;
  const lines = [
    `# Hunting eval (${report.translator})`,
    '',
    ...report.corpora.map(
      (corpus) =>
        `- corpus ${corpus.name}: ${corpus.events} events` +
        (corpus.skipped === undefined ? '' : ` (skipped: ${corpus.skipped})`),
    ),
    '',
    '| measure | value |',
    '|---|---|',
    `| questions scored | ${totals.scored} of ${totals.questions} |`,
    `| validity (answerable questions given a valid query) | ${pct(totals.validity)} |`,
    `| mean precision | ${totals.meanPrecision.toFixed(3)} |`,
    `| mean recall | ${totals.meanRecall.toFixed(3)} |`,
    `| exact result sets | ${totals.exactMatches} of ${totals.answerable} |`,
    `| answerable questions refused | ${totals.refusedAnswerable} |`,
    `| refusals given where due | ${totals.correctRefusals} of ${totals.expectedRefusals} |`,
    `| repairs | ${totals.repairs} |`,
    '',
    '| id | question | outcome | precision | recall | results / reference | query |',
    '|---|---|---|---|---|---|---|',
    ...[...report.questions]
      .sort((a, b) => Number(a.exact || a.correct) - Number(b.exact || b.correct))
      .map(
        (q) =>
          `| ${q.id} | ${cell(q.question)} | ${q.outcome} | ${q.precision} | ${q.recall} | ` +
          `${q.resultCount} / ${q.referenceCount} | ` +
          `${cell(q.query ?? q.refusal ?? q.skipReason ?? '')} |`,
      ),
    '',
  ];
  return lines.join('\n');
}

/** Writes the JSON (every question) and Markdown reports into `dir`; returns their paths. */
export function writeHuntingReports({
  report,
  dir,
}: {
  report: HuntingEvalReport;
  dir: string;
}): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, HUNTING_REPORT_FILES.json);
  const markdown = join(dir, HUNTING_REPORT_FILES.markdown);
  writeFileSync(json, stableJson(report));
  writeFileSync(markdown, renderHuntingMarkdown(report));
  return [json, markdown];
}
