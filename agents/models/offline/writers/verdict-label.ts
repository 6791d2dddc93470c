import type { TriageVerdict } from '../../../../policy/index.ts';

export const VERDICT_LABEL: Record<TriageVerdict, string> = {
  true_positive: 'True positive',
  false_positive: 'False positive',
  suspicious: 'Suspicious',
  needs_human: 'Needs an analyst',
};
