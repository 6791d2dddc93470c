/**
 * What the console would call a threat, judged from the tactics of the techniques in
 * the ground truth. First matching rule wins; anything else is plain "Malware".
 */
const CLASSIFICATION_BY_TACTIC: readonly [string, string][] = [
  ['TA0040', 'Ransomware'],
  ['TA0006', 'Infostealer'],
  ['TA0009', 'Infostealer'],
  ['TA0008', 'Hacktool'],
  ['TA0011', 'Backdoor'],
];

export function classificationFor(tactics: readonly string[]): string {
  for (const [tactic, classification] of CLASSIFICATION_BY_TACTIC) {
    if (tactics.includes(tactic)) {
      return classification;
    }
  }
  return 'Malware';
}

/** The indicator category (catalogue enum `indicator.category`) of a tactic. */
const INDICATOR_CATEGORY: Readonly<Record<string, string>> = {
  TA0001: 'Exploitation',
  TA0002: 'General',
  TA0003: 'Persistence',
  TA0004: 'Exploitation',
  TA0005: 'Evasion',
  TA0006: 'Infostealer',
  TA0007: 'Reconnaissance',
  TA0008: 'PostExploitation',
  TA0009: 'Infostealer',
  TA0010: 'PostExploitation',
  TA0011: 'PostExploitation',
  TA0040: 'Ransomware',
  TA0042: 'General',
  TA0043: 'Reconnaissance',
};

export function indicatorCategoryFor(tactic: string | undefined): string {
  return (tactic === undefined ? undefined : INDICATOR_CATEGORY[tactic]) ?? 'General';
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/**
 * Severity of the case:
 * - critical: impact or exfiltration, or credential theft together with lateral movement;
 * - high: credential access, lateral movement, privilege escalation, command and control;
 * - medium: execution, persistence, defence evasion, collection, initial access;
 * - low: only discovery, reconnaissance or resource development.
 * With no tactics at all (no ground truth) the case is medium.
 */
export function severityFor(tactics: readonly string[]): Severity {
  const has = (tactic: string) => tactics.includes(tactic);
  if (has('TA0040') || has('TA0010') || (has('TA0006') && has('TA0008'))) {
    return 'critical';
  }
  if (['TA0006', 'TA0008', 'TA0004', 'TA0011'].some(has)) {
    return 'high';
  }
  if (tactics.length === 0 || ['TA0001', 'TA0002', 'TA0003', 'TA0005', 'TA0009'].some(has)) {
    return 'medium';
  }
  return 'low';
}
