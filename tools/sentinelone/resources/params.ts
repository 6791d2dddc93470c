import { z } from 'zod';
import { NumericId } from '../schemas/common.ts';

/** A time filter: an ISO-8601 string with offset, or a Date, sent as ISO-8601. */
export const TimeValue = z.union([
  z.iso.datetime({ offset: true }),
  z.date().transform((date) => date.toISOString()),
]);

/**
 * A list filter. Empty lists are refused: the console reads a missing filter as
 * "everything", and a write aimed at nothing must not land on everything.
 */
export function nonEmptyList<Item extends z.ZodType>(item: Item) {
  return z.array(item).min(1, 'must name at least one value');
}

export const IdList = nonEmptyList(NumericId);

export const Limit = z.number().int().min(1).max(1000);
export const Skip = z.number().int().min(0).max(1000);
export const Cursor = z.string().min(1);
export const SortOrder = z.enum(['asc', 'desc']);

export const Signal = z.custom<AbortSignal>(
  (value) => value instanceof AbortSignal,
  'expected an AbortSignal',
);

type RangeKey<Field extends string> = `${Field}__${'gt' | 'gte' | 'lt' | 'lte'}`;

/** `createdAt__gt`, `createdAt__gte`, `createdAt__lt`, `createdAt__lte` for one field. */
export function timeRange<Field extends string>(
  field: Field,
): Record<RangeKey<Field>, z.ZodOptional<typeof TimeValue>> {
  const shape: Record<string, z.ZodOptional<typeof TimeValue>> = {};
  for (const op of ['gt', 'gte', 'lt', 'lte']) {
    shape[`${field}__${op}`] = TimeValue.optional();
  }
  return shape as Record<RangeKey<Field>, z.ZodOptional<typeof TimeValue>>;
}

/** Paging keys every list method takes. */
export const paging = {
  limit: Limit.optional(),
  cursor: Cursor.optional(),
  skip: Skip.optional(),
  sortOrder: SortOrder.optional(),
};
