import type { z } from 'zod';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import { ErrorBody } from '../schemas/envelope.ts';
import { SentinelOneApiError, type SentinelOneErrorKind } from '../sentinelone-api-error.ts';
import { buildQueryString, type QueryParams } from './query-string.ts';
import type { Redactor } from './redactor.ts';
import { type BackoffPolicy, backoffDelay, parseRetryAfter } from './retry-delay.ts';

export const API_PREFIX = '/web/api/v2.1';

/** The slice of `fetch` the client uses; `globalThis.fetch` fits it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST';

export interface TransportOptions {
  /** Console origin without a trailing slash, e.g. `https://usea1-acme.sentinelone.net`. */
  origin: string;
  token: string;
  fetch: FetchLike;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  /** Budget of one attempt, headers and body included. */
  timeoutMs: number;
  maxRetries: number;
  /** Budget of one call across all its attempts and waits. */
  deadlineMs: number;
  userAgent: string;
  backoff: BackoffPolicy;
}

export interface RequestSpec<Schema extends z.ZodType> {
  method: HttpMethod;
  /** Path under `/web/api/v2.1`, starting with a slash; segments already encoded. */
  path: string;
  query?: QueryParams;
  body?: unknown;
  /** Schema of the whole response body, envelope included. */
  schema: Schema;
  signal?: AbortSignal;
}

export interface Exchange<Value> {
  value: Value;
  status: number;
  attempts: number;
}

export interface Transport {
  request<Schema extends z.ZodType>(spec: RequestSpec<Schema>): Promise<Exchange<z.output<Schema>>>;
}

/** Which failures may be repeated: any call after a 429, only reads after the rest. */
type RetryRule = 'always' | 'idempotent' | 'never';

type AttemptOutcome<Value> =
  | { ok: true; value: Value; status: number }
  | {
      ok: false;
      fail: Omit<FailureInit, 'attempts' | 'retryable'>;
      rule: RetryRule;
      retryAfterMs: number | null;
    };

interface FailureInit {
  kind: SentinelOneErrorKind;
  status: number | null;
  apiCode?: number | null;
  title?: string | null;
  detail?: string | null;
  excerpt?: string | null;
  cause?: unknown;
  attempts: number;
  retryable: boolean;
}

// Bodies of failed responses rarely matter past the first few problems.
const MAX_ISSUES = 3;

function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function apiCodeOf(code: number | string | null | undefined): number | null {
  if (typeof code === 'number') {
    return code;
  }
  if (typeof code === 'string' && /^\d+$/.test(code)) {
    return Number(code);
  }
  return null;
}

function kindForStatus(status: number): SentinelOneErrorKind {
  if (status === 429) {
    return 'rate_limited';
  }
  if (status === 404) {
    return 'not_found';
  }
  return 'http';
}

function ruleForStatus(status: number): RetryRule {
  if (status === 429) {
    return 'always';
  }
  return status >= 500 ? 'idempotent' : 'never';
}

export function createTransport(options: TransportOptions): Transport {
  const { clock, logger, redactor } = options;

  const networkDetail = (cause: unknown): string => {
    if (!(cause instanceof Error)) {
      return redactor.excerpt(String(cause));
    }
    // undici hides the socket error (ECONNREFUSED, ENOTFOUND) one level down.
    const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
    const why = typeof inner?.code === 'string' ? inner.code : inner?.message;
    const suffix = typeof why === 'string' && why !== '' ? ` (${why})` : '';
    return redactor.excerpt(`${cause.message}${suffix}`);
  };

  const readResponse = <Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
    response: Response,
    text: string,
  ): AttemptOutcome<z.output<Schema>> => {
    const status = response.status;
    const parsed = parseJson(text);

    if (status < 200 || status > 299) {
      const body = parsed.ok ? ErrorBody.safeParse(parsed.value) : undefined;
      const first = body?.success ? body.data.errors[0] : undefined;
      const retryAfterMs =
        status === 429 ? parseRetryAfter(response.headers.get('retry-after'), clock.now()) : null;
      return {
        ok: false,
        rule: ruleForStatus(status),
        retryAfterMs,
        fail: {
          kind: kindForStatus(status),
          status,
          apiCode: apiCodeOf(first?.code),
          title: first?.title ? redactor.scrub(first.title) : null,
          detail:
            redactor.scrub(first?.detail ?? first?.message ?? '') ||
            (status >= 300 && status < 400 ? 'redirect not followed; check the console URL' : null),
          excerpt: first === undefined && text.trim() !== '' ? redactor.excerpt(text) : null,
        },
      };
    }

    if (!parsed.ok) {
      return {
        ok: false,
        rule: 'never',
        retryAfterMs: null,
        fail: {
          kind: 'invalid_response',
          status,
          detail: 'response body is not JSON',
          excerpt: redactor.excerpt(text),
        },
      };
    }

    const checked = spec.schema.safeParse(parsed.value);
    if (!checked.success) {
      return {
        ok: false,
        rule: 'never',
        retryAfterMs: null,
        fail: {
          kind: 'invalid_response',
          status,
          detail: redactor.scrub(
            `response does not have the expected shape: ${summarizeIssues(checked.error.issues)}`,
          ),
          excerpt: redactor.excerpt(text),
        },
      };
    }
    return { ok: true, value: checked.data, status };
  };

  const attempt = async <Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
    attemptNo: number,
    budgetMs: number,
  ): Promise<AttemptOutcome<z.output<Schema>>> => {
    const path = `${API_PREFIX}${spec.path}`;
    const url = `${options.origin}${path}${buildQueryString(spec.query)}`;
    const headers: Record<string, string> = {
      Authorization: `ApiToken ${options.token}`,
      Accept: 'application/json',
      'User-Agent': options.userAgent,
    };
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }

    // A platform timer, not the injected clock: this bounds real I/O, while the clock
    // only paces the waits between attempts.
    const timeout = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      timeout.abort(new Error(`no response within ${budgetMs} ms`));
    }, budgetMs);
    const signal =
      spec.signal === undefined ? timeout.signal : AbortSignal.any([spec.signal, timeout.signal]);
    const started = clock.now();

    try {
      const response = await options.fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        // Following a redirect would hand the token to wherever it points.
        redirect: 'manual',
        signal,
      });
      const text = await response.text();
      logger.debug(
        {
          method: spec.method,
          path,
          status: response.status,
          ms: clock.now() - started,
          attempt: attemptNo,
        },
        'sentinelone request',
      );
      return readResponse(spec, response, text);
    } catch (cause) {
      if (spec.signal?.aborted) {
        throw spec.signal.reason;
      }
      const kind = timedOut ? 'timeout' : 'network';
      logger.debug(
        { method: spec.method, path, error: kind, ms: clock.now() - started, attempt: attemptNo },
        'sentinelone request',
      );
      return {
        ok: false,
        rule: 'idempotent',
        retryAfterMs: null,
        fail: timedOut
          ? { kind, status: null, detail: `no response within ${budgetMs} ms` }
          : { kind, status: null, detail: networkDetail(cause), cause: redactor.cause(cause) },
      };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    request: async (spec) => {
      const path = `${API_PREFIX}${spec.path}`;
      const deadlineAt = clock.now() + options.deadlineMs;

      for (let attemptNo = 1; ; attemptNo += 1) {
        spec.signal?.throwIfAborted();
        const budgetMs = Math.max(1, Math.min(options.timeoutMs, deadlineAt - clock.now()));

        const outcome = await attempt(spec, attemptNo, budgetMs);
        if (outcome.ok) {
          return { value: outcome.value, status: outcome.status, attempts: attemptNo };
        }

        const retryable =
          outcome.rule === 'always' || (outcome.rule === 'idempotent' && spec.method === 'GET');
        const error = new SentinelOneApiError({
          ...outcome.fail,
          method: spec.method,
          path,
          retryable,
          attempts: attemptNo,
          retryAfterMs: outcome.retryAfterMs,
        });
        if (!retryable || attemptNo > options.maxRetries) {
          throw error;
        }

        const waitMs = outcome.retryAfterMs ?? backoffDelay(attemptNo, options.backoff);
        // Waiting past the deadline only to fail later helps nobody; fail now.
        if (clock.now() + waitMs >= deadlineAt) {
          throw error;
        }
        logger.debug(
          { method: spec.method, path, attempt: attemptNo, reason: error.kind, waitMs },
          'sentinelone retry',
        );
        if (waitMs > 0) {
          await clock.sleep(waitMs, spec.signal);
        }
      }
    },
  };
}
