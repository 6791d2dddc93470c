import type { Timeline } from '../../../schemas/timeline.ts';
import type { TriageFinding } from '../../../schemas/triage-finding.ts';
import type { NotificationTemplate } from '../../../templates/notification-template.ts';
import { blockingProblem, outputOf } from '../conversation.ts';
import { answer, call, cannotContinue, once, type Playbook } from '../playbook.ts';
import { writeNotification } from '../writers/write-notification.ts';

/** The comms specialist: the checked findings and the tenant's template, then the draft. */
export const commsPlaybook: Playbook = (conversation) => {
  const problem = blockingProblem(conversation);
  if (problem !== undefined) return cannotContinue(problem);

  const next =
    once(conversation, 'get_case_findings', () =>
      call('get_case_findings', {}, 'the triage finding and timeline to report'),
    ) ??
    once(conversation, 'get_notification_template', () =>
      call('get_notification_template', {}, "the tenant's notification style"),
    );
  if (next !== undefined) return next;

  const findings = outputOf<{ triage: TriageFinding | null; timeline: Timeline | null }>(
    conversation,
    'get_case_findings',
  );
  const template = outputOf<NotificationTemplate>(conversation, 'get_notification_template');
  if (findings?.triage == null || findings.timeline == null || template === undefined) {
    return cannotContinue('the triage finding, timeline or template is missing');
  }

  return answer(
    writeNotification({ template, triage: findings.triage, timeline: findings.timeline }),
  );
};
