/**
 * Timestamps as the Management API writes them: REST objects carry microsecond ISO
 * strings (`2019-09-15T12:14:42.440985Z`), Deep Visibility `eventTime` carries
 * millisecond ones (`2022-01-24T18:49:35.296Z`). The store keeps epoch milliseconds.
 */
export function toRestTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function toEventTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads an ISO-8601 timestamp with a zone, a bare date (midnight UTC), or epoch
 * milliseconds as digits. Fractions finer than a millisecond are cut, not rounded, so a
 * value never moves past itself.
 */
export function parseTimestamp(value: string): number | undefined {
  const text = value.trim();
  if (/^\d{1,16}$/.test(text)) {
    return Number(text);
  }
  if (!ISO_WITH_ZONE.test(text) && !DATE_ONLY.test(text)) {
    return undefined;
  }
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}
