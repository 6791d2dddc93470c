import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

/**
 * A request the API refuses, with a stable code (its HTTP status comes from
 * `error-status.ts`, the one table of them), a message that says what to change, and
 * details a client can act on, such as the failing fields. Never a stack or internals.
 */
export class ApiError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  /** Extra response headers, such as `Allow` on a 405. */
  readonly headers: Record<string, string>;

  constructor({
    code,
    message,
    fault = 'user',
    details,
    headers = {},
  }: {
    code: string;
    message: string;
    fault?: FaultKind;
    details?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    super(message);
    this.code = code;
    this.fault = fault;
    this.details = details;
    this.headers = headers;
  }
}

/** The resource does not exist for the caller's tenant (or at all: the two look alike). */
export function notFound(what: string, id: string): ApiError {
  return new ApiError({ code: 'NOT_FOUND', message: `no ${what} "${id.slice(0, 100)}"` });
}
