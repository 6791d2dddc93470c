import { isHuntCaseId } from '../evidence/hunt-case.ts';

/**
 * How a task names its case: `SentinelOne threat <id>`, or `promoted hunt hunt-<id>` for a
 * hunt a hunter turned into a case. The offline model reads the same words back.
 */
export function caseLabel(caseId: string): string {
  return isHuntCaseId(caseId) ? `promoted hunt ${caseId}` : `SentinelOne threat ${caseId}`;
}
