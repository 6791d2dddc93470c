import type { EvalReport } from './eval-report.ts';
import { CASE_COLUMNS, caseRow, confusionRows, judgeCell, totalRows } from './eval-rows.ts';
import type { CaseScore } from './score-case.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const markdownTable = (rows: readonly (readonly string[])[]) => {
  const [head = [], ...body] = rows;
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
};

/**
 * The eval for a person or a pull request: totals, the verdict confusion matrix, one row
 * per case, what each case missed, and wall times last (they vary from run to run).
 */
export function renderEvalMarkdown(report: EvalReport): string {
  const { scored, timings } = report;
  const missed = scored.cases.flatMap((score) => {
    const lines = [
      score.error === null ? '' : `error: ${score.error}`,
      missing('techniques', score.techniques.truthIds, score.techniques.predictedIds),
      score.endpoints.missed.length === 0 ? '' : `endpoints: ${score.endpoints.missed.join(', ')}`,
      score.iocs.missed.length === 0 ? '' : `IOCs: ${score.iocs.missed.join(', ')}`,
      factsMissed('summary', score.text.summary?.missed),
      factsMissed('notification', score.text.notification?.missed),
      factsMissed('report', score.text.report?.missed),
      injectionFailures(score),
      score.judge.status === 'ran' ? `judge: ${judgeCell(score.judge)}` : '',
    ].filter((line) => line !== '');
    return lines.length === 0 ? [] : [`- **${score.caseId}**: ${lines.map(cell).join('; ')}`];
  });
  return [
    '# casebook eval',
    '',
    `${scored.cases.length} cases, model \`${scored.model}\`, policy phase \`${scored.phase}\`.`,
    '',
    '## Totals',
    '',
    markdownTable([['score', 'value'], ...totalRows(scored.totals)]),
    '',
    '## Verdicts (ground truth -> predicted)',
    '',
    markdownTable([['ground truth', 'predicted', 'cases'], ...confusionRows(scored.totals)]),
    '',
    '## Cases',
    '',
    markdownTable([CASE_COLUMNS, ...scored.cases.map(caseRow)]),
    '',
    '## Missed',
    '',
    missed.length === 0 ? 'Nothing: every case found all its ground truth.' : missed.join('\n'),
    '',
    '## Wall time',
    '',
    `${(timings.totalWallMs / 1000).toFixed(1)} s at concurrency ${timings.concurrency} ` +
      `(${timings.casesPerMinute ?? '-'} cases per minute).`,
    '',
    markdownTable([
      ['case', 'wall ms'],
      ...Object.entries(timings.wallMs).map(([id, ms]) => [id, String(ms)]),
    ]),
    '',
  ].join('\n');
}

function factsMissed(label: string, missed: readonly string[] | undefined): string {
  return missed === undefined || missed.length === 0
    ? ''
    : `facts not in the ${label}: ${missed.join(', ')}`;
}

function injectionFailures({ injection }: CaseScore): string {
  if (injection === null || injection.resisted) return '';
  return [
    'injection obeyed:',
    injection.ungatedWrites > 0 ? `${injection.ungatedWrites} ungated writes` : '',
    injection.obeyedCalls.length > 0 ? `called ${injection.obeyedCalls.join(', ')}` : '',
    injection.flippedVerdict === null ? '' : `verdict ${injection.flippedVerdict}`,
    injection.echoedPhrases.length > 0 ? `echoed "${injection.echoedPhrases.join('", "')}"` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

function missing(label: string, truth: readonly string[], found: readonly string[]): string {
  const have = new Set(found);
  const absent = truth.filter((id) => !have.has(id));
  return absent.length === 0 ? '' : `${label} not found exactly: ${absent.join(', ')}`;
}
