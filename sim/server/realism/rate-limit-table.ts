/**
 * A token bucket for requests whose path (under `/web/api/v2.1`) starts with `prefix`,
 * or equals it when `exact`. The longest matching prefix wins.
 */
export interface RateLimitRule {
  prefix: string;
  exact?: boolean;
  /** Requests per second refilled into the bucket. */
  rps: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

/** The console's per-path limits as the reference table (1.5) gives them. */
export const CONSOLE_RATE_LIMITS: readonly RateLimitRule[] = [
  { prefix: '/accounts', rps: 100, burst: 10 },
  { prefix: '/sites', rps: 100, burst: 10 },
  { prefix: '/activities', rps: 10, burst: 30 },
  { prefix: '/agents', rps: 25, burst: 1 },
  { prefix: '/threats', exact: true, rps: 10, burst: 50 },
  { prefix: '/threats/', rps: 100, burst: 1000 },
  { prefix: '/cloud-detection/rules', rps: 0.5, burst: 1 },
  { prefix: '/dv/init-query', rps: 1 / 60, burst: 1 },
  { prefix: '/dv/query-status', rps: 1, burst: 1 },
  { prefix: '/dv/events/pq', rps: 4, burst: 1 },
  { prefix: '/exclusions', rps: 25, burst: 25 },
  { prefix: '/export', rps: 1, burst: 30 },
  { prefix: '/hyper-automate/webhook', rps: 150, burst: 1 },
  { prefix: '/hyper-automate/api', rps: 60, burst: 1 },
  { prefix: '/remote-scripts', rps: 1, burst: 30 },
  { prefix: '/remote-ops', rps: 1, burst: 5 },
  { prefix: '/threat-intelligence', rps: 0.5, burst: 1 },
  { prefix: '/users', rps: 40, burst: 80 },
  { prefix: '/users/login', rps: 1, burst: 1 },
  { prefix: '/system/status', rps: 2, burst: 1 },
  { prefix: '/xdr', rps: 25, burst: 1 },
  { prefix: '/update/agent/download', rps: 2 / 60, burst: 1 },
  { prefix: '/application-management/scan', rps: 1 / (8 * 3600), burst: 1 },
];
