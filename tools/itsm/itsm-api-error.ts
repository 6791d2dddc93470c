import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

export type ItsmSystem = 'servicenow' | 'jira';

/** What went wrong between casebook and a ticketing system, whatever the HTTP status. */
export type ItsmErrorKind =
  | 'rejected'
  | 'auth'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'invalid_response';

export interface ItsmApiErrorInit {
  system: ItsmSystem;
  kind: ItsmErrorKind;
  method: string;
  /** Path without the query string, so no query value ever reaches an error. */
  path: string;
  status?: number | null;
  /** The ITSM's own words, from its error body, already scrubbed of secrets. */
  itsmMessage?: string | null;
  detail?: string | null;
  attempts?: number;
  retryAfterMs?: number | null;
  cause?: unknown;
}

const CODES: Record<ItsmErrorKind, string> = {
  rejected: 'ITSM_REJECTED',
  auth: 'ITSM_AUTH_FAILED',
  not_found: 'ITSM_NOT_FOUND',
  rate_limited: 'ITSM_RATE_LIMITED',
  unavailable: 'ITSM_UNAVAILABLE',
  timeout: 'ITSM_TIMEOUT',
  network: 'ITSM_NETWORK_ERROR',
  invalid_response: 'ITSM_INVALID_RESPONSE',
};

/** Codes whose change is worth sending again later; every other failure is permanent. */
export const TRANSIENT_ITSM_CODES: ReadonlySet<string> = new Set([
  CODES.rate_limited,
  CODES.unavailable,
  CODES.timeout,
  CODES.network,
  CODES.invalid_response,
]);

const FAULTS: Record<ItsmErrorKind, FaultKind> = {
  rejected: 'user',
  auth: 'config',
  not_found: 'user',
  rate_limited: 'upstream',
  unavailable: 'upstream',
  timeout: 'upstream',
  network: 'upstream',
  invalid_response: 'upstream',
};

const NAMES: Record<ItsmSystem, string> = { servicenow: 'ServiceNow', jira: 'Jira' };

const ADVICE: Partial<Record<ItsmErrorKind, string>> = {
  auth: 'check the credentials and the integration user’s roles (casebook itsm test)',
  rate_limited: 'casebook retries after the wait the ITSM asked for',
  unavailable: 'casebook retries later; nothing is lost',
};

export function itsmKindForStatus(status: number): ItsmErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'rejected';
}

function describe(init: ItsmApiErrorInit): string {
  const status = init.status ?? null;
  const parts = [
    status === null ? init.kind.replace('_', ' ') : `HTTP ${status}`,
    init.itsmMessage,
    init.detail,
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  const tries = (init.attempts ?? 1) > 1 ? ` (after ${init.attempts} attempts)` : '';
  const advice = ADVICE[init.kind] === undefined ? '' : `; ${ADVICE[init.kind]}`;

  const call = `${NAMES[init.system]} ${init.method} ${init.path}`;
  return `${call} failed: ${parts.join(': ')}${tries}${advice}`;
}

/** A failed exchange with ServiceNow or Jira, carrying the ITSM's own error message. */
export class ItsmApiError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: string;
  readonly system: ItsmSystem;
  readonly kind: ItsmErrorKind;
  readonly status: number | null;
  readonly itsmMessage: string | null;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly retryAfterMs: number | null;

  constructor(init: ItsmApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.system = init.system;
    this.kind = init.kind;
    this.code = CODES[init.kind];
    this.fault = FAULTS[init.kind];
    this.status = init.status ?? null;
    this.itsmMessage = init.itsmMessage ?? null;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts ?? 1;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** Worth trying again later: the ITSM was busy, down or garbled, not refusing. */
  get transient(): boolean {
    return TRANSIENT_ITSM_CODES.has(this.code);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      system: this.system,
      kind: this.kind,
      status: this.status,
      itsmMessage: this.itsmMessage,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
