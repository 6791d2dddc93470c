import type { z } from 'zod';

import { formatIssuePath } from '../../tools/registry/format-issue-path.ts';
import { ApiError } from './api-error.ts';

/** Where a value came from, as an error names it. */
export type InputPart = 'path' | 'query' | 'header' | 'body';

/**
 * Checks one part of a request against its schema. A failure is 400 with every
 * problem listed (field and message), unknown fields included: a strict schema
 * refuses what it would otherwise silently ignore.
 */
export function parseInput<Schema extends z.ZodType>(
  part: InputPart,
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path) || '(root)',
    message:
      issue.code === 'unrecognized_keys' ? `unknown ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new ApiError({
    code: 'REQUEST_INVALID',
    message: `the request ${part} is invalid: ${issues
      .slice(0, 5)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ')}`,
    details: { part, issues },
  });
}

/**
 * Parses a JSON body; an empty body reads as `{}` so optional bodies may be left out.
 * Malformed JSON is 400 `JSON_MALFORMED`, naming where the parser stopped.
 */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError({
      code: 'JSON_MALFORMED',
      message: `the request body is not valid JSON: ${reason.slice(0, 200)}`,
    });
  }
}

/** Refuses a body that says it is not JSON; a missing Content-Type is taken as JSON. */
export function requireJsonContent(contentType: string | undefined, text: string): void {
  if (text === '' || contentType === undefined) return;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' || type?.endsWith('+json')) return;
  throw new ApiError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `send the body as JSON with "Content-Type: application/json" (got ${type})`,
  });
}
