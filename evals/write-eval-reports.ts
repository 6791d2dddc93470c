import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EvalReport } from './eval-report.ts';
import { renderEvalMarkdown } from './render-eval-markdown.ts';
import { stableJson } from './stable-json.ts';

export const EVAL_REPORT_FILES = {
  json: 'eval-report.json',
  markdown: 'eval-report.md',
} as const;

/** Writes the JSON (every case's details) and Markdown reports into `dir`; returns paths. */
export function writeEvalReports({ report, dir }: { report: EvalReport; dir: string }): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, EVAL_REPORT_FILES.json);
  const markdown = join(dir, EVAL_REPORT_FILES.markdown);
  writeFileSync(json, stableJson(report));
  writeFileSync(markdown, renderEvalMarkdown(report));
  return [json, markdown];
}
