import type { Mastra } from '@mastra/core';
import type { RequestContext } from '@mastra/core/request-context';

import type { SpecialistId } from '../agent-id.ts';
import { ANSWER_NAMES, ANSWER_SCHEMAS } from './answer-schemas.ts';
import type { CaseRun, SpecialistAnswers } from './case-run.ts';
import { checkAnswer } from './check-answer.ts';

/**
 * Takes a specialist's answer into the run: checked against its schema and the case, and
 * when it fails, sent back once with the problems for the model to fix. The checked answer
 * is stored on the run; a second failure fails the run.
 */
export async function acceptAnswer<Id extends SpecialistId>({
  agentId,
  prompt,
  text,
  run,
  mastra,
  requestContext,
  maxSteps,
}: {
  agentId: Id;
  prompt: string;
  text: string;
  run: CaseRun;
  mastra: Mastra;
  requestContext: RequestContext;
  maxSteps: number;
}): Promise<SpecialistAnswers[Id] | undefined> {
  const schema = ANSWER_SCHEMAS[agentId];
  const startedAt = run.clock.now();
  const first = checkAnswer({ text, schema, caseId: run.caseId });
  if (first.ok) {
    run.recordStep({
      agentId,
      kind: 'validation',
      name: ANSWER_NAMES[agentId],
      status: 'ok',
      startedAt,
      finishedAt: run.clock.now(),
    });
    run.setAnswer(agentId, first.value as SpecialistAnswers[Id]);
    return first.value as SpecialistAnswers[Id];
  }

  const repair = await mastra.getAgent(agentId).generate(
    [
      { role: 'user', content: prompt },
      { role: 'assistant', content: text },
      {
        role: 'user',
        content:
          `Your answer was rejected: ${first.problems.join('; ')}. Answer again with only the ` +
          `corrected ${ANSWER_NAMES[agentId]} JSON object.`,
      },
    ],
    { requestContext, maxSteps, abortSignal: run.signal },
  );
  const second = checkAnswer({ text: repair.text, schema, caseId: run.caseId });
  const finishedAt = run.clock.now();
  if (second.ok) {
    run.recordStep({
      agentId,
      kind: 'validation',
      name: ANSWER_NAMES[agentId],
      status: 'repaired',
      detail: `first answer rejected: ${first.problems.join('; ')}`.slice(0, 2_000),
      startedAt,
      finishedAt,
    });
    run.setAnswer(agentId, second.value as SpecialistAnswers[Id]);
    return second.value as SpecialistAnswers[Id];
  }

  const problems = second.problems.join('; ');
  run.recordStep({
    agentId,
    kind: 'validation',
    name: ANSWER_NAMES[agentId],
    status: 'rejected',
    detail: problems.slice(0, 2_000),
    startedAt,
    finishedAt,
  });
  run.fail({
    stage: 'validation',
    code: 'ANSWER_INVALID',
    fault: 'upstream',
    message: `the ${agentId} answer failed its schema twice: ${problems}`.slice(0, 2_000),
    agentId,
  });
  return undefined;
}
