/**
 * Keys whose string values casebook itself produced (ids, enums, times) and which stay
 * readable in a prompt. Every other string is treated as possibly attacker-written: it
 * fails closed.
 */
const SAFE_KEYS = new Set([
  'schemaVersion',
  'caseId',
  'id',
  'uid',
  'parentUid',
  'processUid',
  'agentId',
  'verdict',
  'severity',
  'status',
  'type',
  'kind',
  'role',
  'source',
  'eventIds',
  'techniques',
  'tactics',
  'templateId',
  'time',
  'lastTime',
  'fromDate',
  'toDate',
  'part',
  'tone',
]);

/** JSON paths (`a.b[0].c`) of the strings in a value that are not under a safe key. */
export function untrustedStringPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return path === '' ? [] : [path];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => untrustedStringPaths(item, `${path}[${index}]`));
  }
  if (typeof value !== 'object' || value === null) return [];

  return Object.entries(value).flatMap(([key, child]) =>
    SAFE_KEYS.has(key) ? [] : untrustedStringPaths(child, path === '' ? key : `${path}.${key}`),
  );
}
