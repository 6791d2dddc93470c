export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export type QueryParams = Readonly<Record<string, QueryValue>>;

/**
 * Encodes list filters the way the Management API reads them: arrays as one
 * comma-separated value (`ids=1,2,3`), absent values left out. Keys keep their order.
 */
export function buildQueryString(params: QueryParams | undefined): string {
  if (params === undefined) {
    return '';
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) {
      continue;
    }
    search.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
