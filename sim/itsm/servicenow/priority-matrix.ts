/**
 * The base Priority Lookup Rules: priority from impact and urgency (1 high .. 3 low),
 * 1 Critical .. 5 Planning. Unknown inputs count as low.
 */
export function computePriority(impact: string, urgency: string): string {
  const level = (value: string) => (value === '1' || value === '2' ? Number(value) : 3);

  return String(level(impact) + level(urgency) - 1);
}
