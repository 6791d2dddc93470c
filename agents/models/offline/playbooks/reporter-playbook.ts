import type { NotificationDraft } from '../../../schemas/notification-draft.ts';
import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import { blockingProblem, outputOf } from '../conversation.ts';
import { answer, call, cannotContinue, once, type Playbook } from '../playbook.ts';
import { writeReport } from '../writers/write-report.ts';

/** The reporter: the checked findings, then the post-incident report. */
export const reporterPlaybook: Playbook = (conversation) => {
  const problem = blockingProblem(conversation);
  if (problem !== undefined) return cannotContinue(problem);

  const next = once(conversation, 'get_case_findings', () =>
    call('get_case_findings', {}, 'the findings to report on'),
  );
  if (next !== undefined) return next;

  const findings = outputOf<{
    triage: TriageFinding | null;
    timeline: Timeline | null;
    notification: NotificationDraft | null;
  }>(conversation, 'get_case_findings');
  if (findings?.triage == null || findings.timeline == null) {
    return cannotContinue('the triage finding or timeline is missing');
  }

  return answer(
    writeReport({
      triage: findings.triage,
      timeline: findings.timeline,
      notification: findings.notification,
    }),
  );
};
