import { z } from 'zod';

/** Management API timestamps: ISO-8601 with microseconds and `Z`. */
export const ApiTimestamp = z.iso.datetime({ offset: true });

/** int64 ids, which the Management API renders as digit strings. */
export const NumericId = z.string().regex(/^\d{1,20}$/, 'expected a numeric id string');

/**
 * A value the product reads but the console may leave out or send as null: both
 * come out as null so callers handle one case.
 */
export function nullable<Schema extends z.ZodType>(schema: Schema) {
  return schema.nullish().transform((value) => value ?? null);
}
