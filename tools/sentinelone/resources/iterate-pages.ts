import type { ListPage } from '../schemas/envelope.ts';
import { SentinelOneApiError } from '../sentinelone-api-error.ts';

interface PagedParams {
  cursor?: string | undefined;
  skip?: number | undefined;
}

/**
 * Walks a cursor-paged list lazily, one request per page. The first request uses the
 * caller's parameters as given; later ones follow the cursor alone, since `skip` only
 * shapes the first page. A console that hands back a cursor it already gave would loop
 * forever; that is reported as a bad response.
 */
export async function* iteratePages<Params extends PagedParams, Page extends ListPage<unknown>>({
  params,
  fetchPage,
  path,
}: {
  params: Params;
  fetchPage: (params: Params) => Promise<Page>;
  /** Full request path, for the error when the cursor repeats. */
  path: string;
}): AsyncGenerator<Page, void, undefined> {
  const seen = new Set<string>();
  if (params.cursor !== undefined) {
    seen.add(params.cursor);
  }

  let page = await fetchPage(params);
  for (;;) {
    yield page;
    const cursor = page.nextCursor;
    if (cursor === null) {
      return;
    }
    if (seen.has(cursor)) {
      throw new SentinelOneApiError({
        kind: 'invalid_response',
        method: 'GET',
        path,
        status: 200,
        detail: 'the console returned a page cursor it had already returned',
      });
    }
    seen.add(cursor);
    page = await fetchPage({ ...params, cursor, skip: undefined });
  }
}

/** Collects the items of paged results, stopping once `max` items are in hand. */
export async function collectItems<Item>(
  pages: AsyncIterable<ListPage<Item>>,
  { max = Number.POSITIVE_INFINITY }: { max?: number } = {},
): Promise<Item[]> {
  const items: Item[] = [];
  if (max <= 0) {
    return items;
  }
  for await (const page of pages) {
    for (const item of page.items) {
      items.push(item);
      // Return before asking for a page nobody will read.
      if (items.length >= max) {
        return items;
      }
    }
  }
  return items;
}
