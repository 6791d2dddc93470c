/** `0.8833` -> `88.3%`; no data shows as `-`, never as 0. */
export function formatShare(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}
