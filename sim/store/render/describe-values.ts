/** The console's display texts for enum values it also sends raw. */
const DESCRIPTIONS: Record<string, string> = {
  true_positive: 'True positive',
  false_positive: 'False positive',
  suspicious: 'Suspicious',
  undefined: 'Undefined',
  unresolved: 'Unresolved',
  in_progress: 'In progress',
  resolved: 'Resolved',
  mitigated: 'Mitigated',
  not_mitigated: 'Not mitigated',
  marked_as_benign: 'Marked as benign',
  agent_policy: 'Agent Policy',
  dv_command: 'Deep Visibility Command',
  console_api: 'Console API',
  full_disk_scan: 'Full Disk Scan',
  star_manual: 'STAR Manual',
  star_active: 'STAR Active',
};

/** `in_progress` -> `In progress`; unknown values get the same treatment. */
export function describeValue(value: string): string {
  const known = DESCRIPTIONS[value];
  if (known !== undefined) {
    return known;
  }
  const words = value.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
