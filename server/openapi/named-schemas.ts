import type { z } from 'zod';

const NAMES = new Map<z.ZodType, string>();

/**
 * Gives a schema a name in `/openapi.json`: it is described once under
 * `components.schemas` and referenced wherever it appears.
 */
export function named<Schema extends z.ZodType>(name: string, schema: Schema): Schema {
  NAMES.set(schema, name);
  return schema;
}

export function nameOf(schema: z.ZodType): string | undefined {
  return NAMES.get(schema);
}

export function namedSchemas(): ReadonlyMap<z.ZodType, string> {
  return NAMES;
}
