import type { CaseFactsInput } from '../../policy/case-facts.ts';
import type { TriageFinding } from '../schemas/triage-finding.ts';

/**
 * What the first look's triage tells policy about the case: classification, confidence,
 * severity, verdict, and the origin endpoint as the one the case sits on.
 */
export function triageCaseFacts(triage: TriageFinding): CaseFactsInput {
  const origin = triage.affectedEndpoints.find((endpoint) => endpoint.role === 'origin');
  return {
    ...(triage.classification === undefined ? {} : { classification: triage.classification }),
    confidence: triage.confidence,
    severity: triage.severity,
    verdict: triage.verdict,
    endpointIds: origin?.agentId === undefined ? [] : [origin.agentId],
  };
}
