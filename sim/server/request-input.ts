import type { Context } from 'hono';
import type { z } from 'zod';
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
  const text = await c.req.text();
  if (text.trim() === '') {
    throw validationError('Request body is empty; expected a JSON object');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw validationError(`Request body is not valid JSON: ${reason}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw validationError(issueDetail(parsed.error));
  }
  return parsed.data;
}
