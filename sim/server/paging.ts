import { z } from 'zod';
import type { Page, PageRequest } from '../store/sql/page.ts';
import { type CursorCodec, type CursorPosition, cursorBinding } from './cursor-codec.ts';
import { booleanValue, enumValue } from './query-values.ts';
import { validationError } from './sim-api-error.ts';

function boundedInt({ name, min, max }: { name: string; min: number; max: number }) {
  const message = `${name} must be greater than or equals to ${min} and less than equals to ${max}`;
  return z.string().transform((value, ctx) => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
}

export const DEFAULT_LIMIT = 10;

/**
 * The paging parameters every list endpoint takes: limit 1..max (1000 on lists), skip
 * 0..1000, an opaque cursor, countOnly, skipCount, and the endpoint's own sort keys.
 */
export function pagingFields<const Sorts extends readonly [string, ...string[]]>({
  sorts,
  maxLimit = 1000,
}: {
  sorts: Sorts;
  maxLimit?: number;
}) {
  return {
    limit: boundedInt({ name: 'Limit', min: 1, max: maxLimit }).default(DEFAULT_LIMIT),
    skip: boundedInt({ name: 'Skip', min: 0, max: 1000 }).optional(),
    cursor: z.string().min(1).optional(),
    countOnly: booleanValue('countOnly').default(false),
    skipCount: booleanValue('skipCount').default(false),
    sortBy: enumValue('sortBy', sorts).optional(),
    sortOrder: enumValue('sortOrder', ['asc', 'desc']).optional(),
  };
}

export interface PagingValues {
  limit: number;
  skip?: number | undefined;
  cursor?: string | undefined;
  countOnly: boolean;
  skipCount: boolean;
}

/** A list request's paging, resolved against its cursor binding. */
export interface ResolvedPaging {
  binding: string;
  position: CursorPosition | null;
  request: PageRequest;
}

/** A cursor already says where the page starts, so `skip` only moves a first page. */
export function resolvePaging({
  codec,
  path,
  params,
}: {
  codec: CursorCodec;
  path: string;
  params: PagingValues & Record<string, unknown>;
}): ResolvedPaging {
  const binding = cursorBinding(path, params);
  const position = params.cursor === undefined ? null : codec.decode(binding, params.cursor);
  if (position !== null && !('offset' in position)) {
    throw validationError('Invalid cursor: it was not issued for this request');
  }
  const offset = position === null ? (params.skip ?? 0) : position.offset;
  return {
    binding,
    position,
    request: {
      offset,
      limit: params.countOnly ? 0 : params.limit,
      countTotal: params.countOnly || !params.skipCount,
    },
  };
}

/** The list envelope: `nextCursor` null on the last page; `totalItems` 0 under skipCount. */
export function listEnvelope({
  page,
  paging,
  codec,
}: {
  page: Page<unknown>;
  paging: ResolvedPaging;
  codec: CursorCodec;
}): { data: unknown[]; pagination: { nextCursor: string | null; totalItems: number } } {
  const { offset, limit } = paging.request;
  const nextCursor = page.hasMore ? codec.encode(paging.binding, { offset: offset + limit }) : null;
  return { data: page.items, pagination: { nextCursor, totalItems: page.total ?? 0 } };
}
