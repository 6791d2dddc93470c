import type { LanguageModelV4 } from '@ai-sdk/provider-v7';

import { extractJson } from '../../agents/run/extract-json.ts';
import { fenceUntrusted, UNTRUSTED_DATA_RULE } from '../../policy/index.ts';
import type { GroundTruthFact } from '../../sim/scenario.ts';
import { type JudgeScore, judgeScoreOf } from '../scores/judge-score.ts';
import { JudgeAnswer } from './judge-answer.ts';

/** A judge as `casebook eval --judge` configures it. */
export interface EvalJudge {
  /** The model spec, recorded with the grades. */
  id: string;
  model: LanguageModelV4;
  /** How many times each notification is graded (the spread shows how far to trust it). */
  runs: number;
}

export const DEFAULT_JUDGE_RUNS = 3;

const INSTRUCTIONS = [
  'You grade a security incident notification written for a customer against the facts an',
  'analyst established for the case. Answer with one JSON object and nothing else:',
  '{"grade": <0..1>, "coveredFacts": [<fact ids the notification states>],',
  '"unsupportedClaims": [<statements the facts do not support>], "reason": "<one paragraph>"}.',
  'A grade of 1 states every fact and nothing unsupported; 0 is empty or misleading.',
  UNTRUSTED_DATA_RULE,
].join('\n');

function promptOf(facts: readonly GroundTruthFact[], notification: string) {
  const listed = facts.map((fact) => `- ${fact.id}: ${fact.text}`).join('\n');
  const fenced = fenceUntrusted(notification, { label: 'notification' });
  return [
    { role: 'system' as const, content: INSTRUCTIONS },
    {
      role: 'user' as const,
      content: [
        {
          type: 'text' as const,
          text: `Facts:\n${listed}\n\nNotification:\n${fenced}`,
        },
      ],
    },
  ];
}

/**
 * Asks the judge `runs` times to grade a notification against the case's facts. Each
 * answer is checked against `JudgeAnswer`; a refused answer or a failed call is kept as a
 * failure, not a 0. Without facts or a notification there is nothing to judge.
 */
export async function judgeNotification({
  judge,
  facts,
  notification,
}: {
  judge: EvalJudge;
  facts: readonly GroundTruthFact[] | undefined;
  notification: string | null;
}): Promise<JudgeScore> {
  if (facts === undefined || facts.length === 0) {
    return { status: 'not run', reason: 'the case lists no facts' };
  }
  if (notification === null) return { status: 'not run', reason: 'the run wrote no notification' };

  const grades: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < judge.runs; run += 1) {
    try {
      const result = await judge.model.doGenerate({ prompt: promptOf(facts, notification) });
      const text = result.content
        .flatMap((part) => (part.type === 'text' ? [part.text] : []))
        .join('');
      const json = extractJson(text);
      const parsed = json.ok ? JudgeAnswer.safeParse(json.value) : undefined;
      if (parsed?.success === true) grades.push(parsed.data.grade);
      else failures.push(json.ok ? 'the answer is not in the judge shape' : json.error);
    } catch (error) {
      failures.push(error instanceof Error ? error.message.slice(0, 200) : String(error));
    }
  }
  return judgeScoreOf({ model: judge.id, grades, failures });
}
