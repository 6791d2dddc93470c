import type { SpecialistId } from '../../../agent-id.ts';
import { caseLabel } from '../../../run/case-label.ts';
import type { NotificationDraft } from '../../../schemas/notification-draft.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import { type Conversation, callsOf, caseIdOf } from '../conversation.ts';
import { answer, cannotContinue, type Playbook } from '../playbook.ts';
import { writeSupervisorSummary } from '../writers/write-supervisor-summary.ts';

const TASKS: Record<SpecialistId, string> = {
  timeline:
    'Build the timeline: storyline, process tree, indicators with routine infrastructure ' +
    'filtered, and a fleet sweep for them.',
  triage:
    'Triage the case: verdict, confidence, severity, techniques, root cause, affected ' +
    'endpoints and users, lateral movement and recommended next steps, all cited.',
  comms: 'Draft the customer notification from the checked findings, in the tenant template.',
  reporter: 'Write the post-incident report from the checked findings.',
};

/** The answer of one delegation, parsed, or why there is none. */
function delegated(
  conversation: Conversation,
  id: SpecialistId,
): { value?: unknown; problem?: string } {
  const exchange = callsOf(conversation, `agent-${id}`)[0];
  if (exchange === undefined) return {};
  const result = exchange.result;
  if (result.kind === 'missing') return { problem: `${id} gave no answer` };
  if (result.kind === 'error') return { problem: `${id}: ${result.value}` };
  const text = result.kind === 'text' ? result.value : JSON.stringify(result.value);
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: `${id} did not answer with a finding` };
  }
}

/**
 * The supervisor: delegates to the timeline specialist (the storyline and the sweep come
 * first), then triage, then comms, and the reporter when the task asks for a report;
 * stops at the first specialist that fails, then answers with the headline.
 */
export const supervisorPlaybook: Playbook = (conversation) => {
  const caseId = caseIdOf(conversation);
  if (caseId === undefined) return cannotContinue('the task names no case id');
  const wantsReport = /post-incident report:\s*requested/i.test(conversation.task);
  const order: SpecialistId[] = [
    'timeline',
    'triage',
    'comms',
    ...(wantsReport ? ['reporter' as const] : []),
  ];

  const done: SpecialistId[] = [];
  const answers: Partial<Record<SpecialistId, unknown>> = {};
  for (const id of order) {
    if (!conversation.tools.includes(`agent-${id}`)) continue;
    const { value, problem } = delegated(conversation, id);
    if (value === undefined && problem === undefined) {
      return {
        kind: 'call',
        tool: `agent-${id}`,
        input: { prompt: `Case: ${caseLabel(caseId)}. ${TASKS[id]}` },
      };
    }
    done.push(id);
    if (problem !== undefined) break;
    answers[id] = value;
  }

  return answer(
    writeSupervisorSummary({
      caseId,
      delegated: done,
      triage: answers.triage as TriageFinding | undefined,
      timeline: answers.timeline as Timeline | undefined,
      notification: answers.comms as NotificationDraft | undefined,
    }),
  );
};
