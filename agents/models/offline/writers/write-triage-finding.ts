import type { CitedStatement } from '../../../schemas/citation.ts';
import { TRIAGE_SCHEMA_VERSION, type TriageFinding } from '../../../schemas/triage-finding.ts';
import { affectedEndpoints, affectedUsers } from './affected-assets.ts';
import { assessVerdict } from './assess-verdict.ts';
import { findRootCause } from './find-root-cause.ts';
import { recommendSteps } from './recommend-steps.ts';
import type { TriageEvidence } from './triage-evidence.ts';
import { VERDICT_LABEL } from './verdict-label.ts';

const MAX_TECHNIQUES = 25;

function lateralEvidence(evidence: TriageEvidence): CitedStatement[] {
  const { lateral } = evidence;
  return [
    ...lateral.targets.map((target) => ({
      text: `${target.from} reached ${target.host} (${target.via})`,
      eventIds: target.eventIds,
    })),
    ...lateral.arrivals.map((arrival) => ({
      text: `${arrival.service} started ${arrival.process} on ${arrival.endpoint}`,
      eventIds: arrival.eventIds,
    })),
    ...lateral.logons.map((logon) => ({
      text: `${logon.user} logged on to ${logon.endpoint} over the network from ${logon.fromIp}`,
      eventIds: logon.eventIds,
    })),
  ]
    .filter((statement) => statement.eventIds.length > 0)
    .slice(0, 20);
}

function limitationsOf(evidence: TriageEvidence): string[] {
  const limits: string[] = [];
  if (evidence.coverage.truncated) {
    limits.push(
      'the storyline is longer than the console returns in one page; its high-signal event ' +
        'types were read separately, the rest only in part',
    );
  }
  const unreadable = evidence.coverage.unreadable;
  if (unreadable > 0) limits.push(`${unreadable} event(s) from the console could not be read`);
  if (evidence.timeline?.sweep.note !== undefined) {
    limits.push(`fleet sweep: ${evidence.timeline.sweep.note}`);
  }
  limits.push('verdict from the offline rule-based model: a baseline to check, not an analyst');

  return limits;
}

/** The triage specialist's answer, written from what the playbook gathered. */
export function writeTriageFinding(evidence: TriageEvidence): TriageFinding {
  const { threat, techniques } = evidence;
  const assessment = assessVerdict(evidence);
  const rootCause = findRootCause(threat, evidence.tree);
  const cited = techniques.techniques
    .filter((technique) => technique.eventIds.length > 0)
    .slice(0, MAX_TECHNIQUES)
    .map((technique) => ({
      id: technique.id,
      name: technique.name,
      tactics: technique.tactics,
      confidence: technique.confidence,
      eventIds: technique.eventIds.slice(0, 10),
    }));
  const endpoints = affectedEndpoints(evidence);
  const users = affectedUsers(evidence);
  const lateral = lateralEvidence(evidence);

  const top = cited
    .slice(0, 4)
    .map((technique) => `${technique.name} (${technique.id})`)
    .join(', ');
  const reach = endpoints.filter((endpoint) => endpoint.role !== 'origin').map((e) => e.name);
  const summary = [
    `${VERDICT_LABEL[assessment.verdict]} (confidence ${assessment.confidence}, severity ` +
      `${assessment.severity}): ${threat.classification} detection ${threat.threatName} on ` +
      `${threat.agentComputerName}.`,
    top === '' ? 'No ATT&CK technique matched.' : `Techniques: ${top}.`,
    rootCause === null ? '' : `Root cause: ${rootCause.processName ?? rootCause.processUid}.`,
    reach.length === 0 ? '' : `Also involved: ${reach.join(', ')}.`,
  ]
    .filter((part) => part !== '')
    .join(' ')
    .slice(0, 2_000);

  const finding = {
    schemaVersion: TRIAGE_SCHEMA_VERSION,
    caseId: threat.id,
    verdict: assessment.verdict,
    confidence: assessment.confidence,
    severity: assessment.severity,
    summary,
    classification: threat.classification,
    techniques: cited,
    rootCause,
    affectedEndpoints: endpoints,
    affectedUsers: users,
    lateralMovement: { detected: evidence.lateral.detected, evidence: lateral },
    signals: assessment.signals,
    recommendedSteps: [] as TriageFinding['recommendedSteps'],
    limitations: limitationsOf(evidence),
  } satisfies TriageFinding;

  return { ...finding, recommendedSteps: recommendSteps({ evidence, finding }) };
}
