import type { RecommendedStep, TriageFinding } from '../../../schemas/triage-finding.ts';
import type { TriageEvidence } from './triage-evidence.ts';

function names(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/**
 * What a person should do next, from the verdict and what was found. These are
 * recommendations only: casebook carries none of them out; containment waits for an
 * analyst's approval through the policy gate.
 */
export function recommendSteps({
  evidence,
  finding,
}: {
  evidence: TriageEvidence;
  finding: Pick<
    TriageFinding,
    'verdict' | 'rootCause' | 'affectedEndpoints' | 'affectedUsers' | 'techniques'
  >;
}): RecommendedStep[] {
  const { iocs } = evidence;
  const endpoints = finding.affectedEndpoints.filter((endpoint) => endpoint.role !== 'sweep');
  const origin = finding.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  const originName = origin?.name ?? evidence.threat.agentComputerName;
  const rootIds = finding.rootCause?.eventIds ?? [];
  const steps: RecommendedStep[] = [];

  if (finding.verdict === 'true_positive') {
    steps.push({
      action:
        `Isolate ${names(endpoints.map((endpoint) => endpoint.name))} from the network until ` +
        `${endpoints.length === 1 ? 'it is' : 'they are'} cleaned.`,
      rationale: 'the activity is assessed malicious; isolation is held for an analyst to approve',
      eventIds: endpoints.flatMap((endpoint) => endpoint.eventIds).slice(0, 5),
    });
    const credential = finding.techniques.filter((technique) =>
      technique.tactics.includes('Credential Access'),
    );
    const firstCredential = credential[0];
    if (firstCredential !== undefined && finding.affectedUsers.length > 0) {
      steps.push({
        action:
          `Reset the passwords of ${names(finding.affectedUsers.map((user) => user.name))} ` +
          'and revoke their sessions.',
        rationale: `credentials were exposed (${credential.map((t) => t.id).join(', ')})`,
        eventIds: firstCredential.eventIds.slice(0, 5),
      });
    }
    const network = iocs.iocs.filter((ioc) => ioc.type === 'domain' || ioc.type === 'ip');
    if (network.length > 0) {
      steps.push({
        action: `Block ${names(network.map((ioc) => ioc.value))} at the proxy and firewall.`,
        rationale: 'the case talked to or named this infrastructure',
        eventIds: network.flatMap((ioc) => ioc.eventIds).slice(0, 5),
      });
    }
    const persistence = finding.techniques.filter((technique) =>
      technique.tactics.includes('Persistence'),
    );
    const firstPersistence = persistence[0];
    if (firstPersistence !== undefined) {
      steps.push({
        action:
          `Remove the persistence (${names(persistence.map((technique) => technique.name))}) ` +
          'and the programs it starts.',
        rationale: 'the attacker set up a way back in',
        eventIds: persistence.flatMap((technique) => technique.eventIds).slice(0, 5),
      });
    }
    const swept = finding.affectedEndpoints.filter((endpoint) => endpoint.role === 'sweep');
    if (swept.length > 0) {
      steps.push({
        action:
          `Investigate ${names(swept.map((endpoint) => endpoint.name))}, which share the ` +
          "case's indicators.",
        rationale: 'the fleet sweep found the same indicators there',
        eventIds: swept.flatMap((endpoint) => endpoint.eventIds).slice(0, 5),
      });
    }
    steps.push({
      action: `Preserve memory and disk evidence of ${originName} before re-imaging it.`,
      rationale: 'the investigation may need more than the telemetry shows',
      eventIds: rootIds,
    });
    return steps;
  }

  if (finding.verdict === 'false_positive') {
    steps.push({
      action:
        `Confirm with the owner of ${originName} that this activity was planned, then close ` +
        'the case as a false positive.',
      rationale: 'the evidence matches routine administration with no sign of compromise',
      eventIds: rootIds,
    });
    if (finding.rootCause?.processName !== undefined) {
      steps.push({
        action:
          `Consider a narrowly scoped exclusion for ${finding.rootCause.processName} on ` +
          `${originName} if it recurs.`,
        rationale: 'the same benign pattern would raise the same detection again',
        eventIds: rootIds,
      });
    }
    return steps;
  }

  steps.push({
    action:
      `Review the process tree from ${finding.rootCause?.processName ?? 'the threat process'} ` +
      `on ${originName} with its owner.`,
    rationale: 'the evidence is not decisive either way',
    eventIds: rootIds,
  });
  if (finding.affectedUsers.length > 0) {
    steps.push({
      action:
        `Ask ${names(finding.affectedUsers.map((user) => user.name))} whether they expected ` +
        'this activity.',
      rationale: 'the account owners can confirm or rule out the activity',
      eventIds: finding.affectedUsers.flatMap((user) => user.eventIds).slice(0, 5),
    });
  }
  return steps;
}
