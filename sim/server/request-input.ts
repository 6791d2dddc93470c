import type { Context } from 'hono';
import type { z } from 'zod';
import { parseJsonExactly } from './parse-json-exactly.ts';
import { issueDetail } from './query-values.ts';
import { validationError } from './sim-api-error.ts';

/**
 * Parses the query string with an endpoint's schema. Parameters the schema does not
 * name are dropped, as the console ignores them; a repeated parameter counts once.
 */
export function parseQuery<Schema extends z.ZodType>(c: Context, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    throw validationError(issueDetail(parsed.error));
  }
  return parsed.data;
}

/** Reads a JSON body: empty, malformed or wrongly shaped bodies are a 400 saying which. */
export async function readJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  // The body limit middleware has already bounded how much this reads.
  const text = await c.req.text();
  if (text.trim() === '') {
    throw validationError('Request body is empty; expected a JSON object');
  }
  const json = parseJsonExactly(text);
  if (!json.ok) {
    throw validationError(json.reason);
  }
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    throw validationError(issueDetail(parsed.error));
  }
  return parsed.data;
}
