import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

/** One entry of the console's `{"errors":[...]}` body. */
export interface ApiErrorEntry {
  code: number;
  title: string;
  detail: string | null;
}

/**
 * An error the simulated console answers with: the HTTP status, the console's numeric
 * code (`<status><4-digit subcode>`) and its title and detail, as the real API writes them.
 */
export class SimApiError extends CasebookError {
  readonly fault: FaultKind;
  readonly code = 'SIM_API_ERROR';
  readonly status: 400 | 401 | 404 | 413 | 429 | 500 | 504;
  readonly entry: ApiErrorEntry;
  readonly headers: Record<string, string>;

  constructor({
    status,
    entry,
    headers = {},
  }: {
    status: SimApiError['status'];
    entry: ApiErrorEntry;
    headers?: Record<string, string>;
  }) {
    super(`${status} ${entry.title}${entry.detail === null ? '' : `: ${entry.detail}`}`);
    this.status = status;
    this.entry = entry;
    this.headers = headers;
    this.fault = status >= 500 ? 'system' : 'user';
  }

  body(): { errors: ApiErrorEntry[] } {
    return { errors: [this.entry] };
  }
}

export function validationError(detail: string): SimApiError {
  return new SimApiError({
    status: 400,
    entry: { code: 4000010, title: 'Validation Error', detail },
  });
}

export function notFoundError(detail: string): SimApiError {
  return new SimApiError({
    status: 404,
    entry: { code: 4040010, title: 'Resource not found', detail },
  });
}

export function authenticationError(): SimApiError {
  return new SimApiError({
    status: 401,
    entry: { code: 4010010, title: 'Authentication Failed', detail: null },
  });
}

export function payloadTooLargeError(maxBytes: number): SimApiError {
  return new SimApiError({
    status: 413,
    entry: {
      code: 4130010,
      title: 'Payload Too Large',
      detail: `Request body is larger than ${maxBytes} bytes`,
    },
  });
}

export function rateLimitError(retryAfterSeconds: number): SimApiError {
  return new SimApiError({
    status: 429,
    entry: {
      code: 4290010,
      title: 'Too Many Requests',
      detail: `Rate limit exceeded, retry in ${retryAfterSeconds} seconds`,
    },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export function internalError(detail: string | null): SimApiError {
  return new SimApiError({
    status: 500,
    entry: { code: 5000010, title: 'Internal Server Error', detail },
  });
}

export function gatewayTimeoutError(): SimApiError {
  return new SimApiError({
    status: 504,
    entry: { code: 5040010, title: 'Gateway Timeout', detail: 'The request took too long' },
  });
}
