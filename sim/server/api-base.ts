/** Everything the simulator serves sits under the Management API 2.1 prefix. */
export const API_BASE = '/web/api/v2.1';

/** The request path below the API prefix, as the rate-limit table and faults name paths. */
export function apiPathOf(fullPath: string): string {
  return fullPath.startsWith(API_BASE) ? fullPath.slice(API_BASE.length) || '/' : fullPath;
}
