import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

/** What went wrong between casebook and the console, independent of the HTTP status. */
export type SentinelOneErrorKind =
  | 'http'
  | 'timeout'
  | 'network'
  | 'invalid_response'
  | 'rate_limited'
  | 'not_found'
  | 'query_failed';

export interface SentinelOneApiErrorInit {
  kind: SentinelOneErrorKind;
  method: string;
  /** Path without the query string, so no parameter value ever leaks into an error. */
  path: string;
  /** HTTP status of the response involved; null when no response arrived. */
  status?: number | null;
  /** `errors[0].code` of the console's error body, e.g. 4010010. */
  apiCode?: number | null;
  title?: string | null;
  detail?: string | null;
  /** Start of an unusable body, already scrubbed of secrets and control characters. */
  excerpt?: string | null;
  /** Safe to repeat the same call later: nothing was written, or the call is a read. */
  retryable?: boolean;
  attempts?: number;
  /** The wait the console asked for with Retry-After, when it did. */
  retryAfterMs?: number | null;
  /** Overrides the fault derived from kind and status (a DV query the console rejects). */
  fault?: FaultKind;
  cause?: unknown;
}

const CODES: Record<SentinelOneErrorKind, string> = {
  http: 'SENTINELONE_HTTP_ERROR',
  timeout: 'SENTINELONE_TIMEOUT',
  network: 'SENTINELONE_NETWORK_ERROR',
  invalid_response: 'SENTINELONE_INVALID_RESPONSE',
  rate_limited: 'SENTINELONE_RATE_LIMITED',
  not_found: 'SENTINELONE_NOT_FOUND',
  query_failed: 'SENTINELONE_QUERY_FAILED',
};

/**
 * Who is at fault for a failed call: a rejected token is the deployment's problem, a
 * rejected request the caller's, and everything the console does wrong is upstream.
 */
export function faultFor(kind: SentinelOneErrorKind, status: number | null): FaultKind {
  if (kind === 'not_found') {
    return 'user';
  }
  if (kind !== 'http' || status === null) {
    return 'upstream';
  }
  // A redirect or a rejected token both mean the console URL or token is wrong.
  if (status === 401 || status === 403 || (status >= 300 && status < 400)) {
    return 'config';
  }
  if (status >= 400 && status < 500) {
    return 'user';
  }
  return 'upstream';
}

const LABELS: Record<SentinelOneErrorKind, string | null> = {
  http: null,
  timeout: 'timed out',
  network: 'network error',
  invalid_response: 'invalid response',
  rate_limited: 'rate limited',
  not_found: 'not found',
  query_failed: 'query failed',
};

function describe(init: SentinelOneApiErrorInit): string {
  const status = init.status ?? null;
  // A 200 that carried garbage is worth saying; a 200 that carried "FAILED" is not.
  const showStatus =
    status !== null && (status < 200 || status > 299 || init.kind === 'invalid_response');
  const head = [
    showStatus ? `HTTP ${status}` : null,
    init.apiCode === undefined || init.apiCode === null ? null : `code ${init.apiCode}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const parts = [LABELS[init.kind], head, init.title, init.detail].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  const body = init.excerpt ? ` (body: ${JSON.stringify(init.excerpt)})` : '';
  const tries = (init.attempts ?? 1) > 1 ? ` (after ${init.attempts} attempts)` : '';
  const what = parts.join(': ') || init.kind;
  return `SentinelOne ${init.method} ${init.path} failed: ${what}${body}${tries}`;
}

/** Any failed exchange with the SentinelOne Management API, as data. */
export class SentinelOneApiError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: string;
  readonly kind: SentinelOneErrorKind;
  readonly status: number | null;
  readonly apiCode: number | null;
  readonly title: string | null;
  readonly detail: string | null;
  readonly excerpt: string | null;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean;
  readonly attempts: number;
  readonly retryAfterMs: number | null;

  constructor(init: SentinelOneApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = CODES[init.kind];
    this.status = init.status ?? null;
    this.fault = init.fault ?? faultFor(init.kind, this.status);
    this.apiCode = init.apiCode ?? null;
    this.title = init.title ?? null;
    this.detail = init.detail ?? null;
    this.excerpt = init.excerpt ?? null;
    this.method = init.method;
    this.path = init.path;
    this.retryable = init.retryable ?? false;
    this.attempts = init.attempts ?? 1;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      kind: this.kind,
      status: this.status,
      apiCode: this.apiCode,
      title: this.title,
      detail: this.detail,
      excerpt: this.excerpt,
      method: this.method,
      path: this.path,
      retryable: this.retryable,
      attempts: this.attempts,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export function isSentinelOneApiError(value: unknown): value is SentinelOneApiError {
  return value instanceof SentinelOneApiError;
}
