import { z } from 'zod';

/**
 * `nextCursor` is null on the last page; one recorded console sent the string "null",
 * and an empty string can only mean the same.
 */
const NextCursor = z
  .string()
  .nullish()
  .transform((cursor) =>
    cursor === undefined || cursor === 'null' || cursor === '' ? null : cursor,
  );

export const Pagination = z.looseObject({
  nextCursor: NextCursor,
  // skipCount=true makes the console omit or zero the total.
  totalItems: z
    .number()
    .int()
    .nonnegative()
    .nullish()
    .transform((total) => total ?? null),
});

/** `{ data: [...], pagination: {...} }`, the shape of every list endpoint. */
export function listEnvelope<Item extends z.ZodType>(item: Item) {
  return z.looseObject({ data: z.array(item), pagination: Pagination });
}

/** `{ data: ... }`, the shape of single-object and action responses. */
export function dataEnvelope<Data extends z.ZodType>(data: Data) {
  return z.looseObject({ data });
}

/** `{"errors":[{"code":4010010,"detail":null,"title":"Authentication Failed"}]}`. */
export const ErrorBody = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        code: z.union([z.number(), z.string()]).nullish(),
        title: z.string().nullish(),
        detail: z.string().nullish(),
        message: z.string().nullish(),
      }),
    )
    .min(1),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One page of a list: its items, the cursor of the next page and the console's total. */
export interface ListPage<Item> {
  readonly items: Item[];
  readonly nextCursor: string | null;
  readonly totalItems: number | null;
}

export function toListPage<Item>(envelope: {
  data: Item[];
  pagination: { nextCursor: string | null; totalItems: number | null };
}): ListPage<Item> {
  return {
    items: envelope.data,
    nextCursor: envelope.pagination.nextCursor,
    totalItems: envelope.pagination.totalItems,
  };
}

/** `{"data":{"affected":3}}`, what every bulk action answers. */
export const Affected = z.looseObject({ affected: z.number().int().nonnegative() });
export type Affected = { affected: number };
