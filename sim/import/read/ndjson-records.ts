export interface NdjsonStats {
  /** Non-blank lines seen. */
  lines: number;
  /** Lines that were not a JSON object. */
  malformed: number;
  /**
   * The last line, when it is malformed and lacks its newline: the file was most likely cut
   * short mid-record. The line is among the `malformed` ones.
   */
  cutOffLine: number | undefined;
}

export type NdjsonVisitor = (record: Record<string, unknown>, line: number) => void;

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;

/**
 * Visits every JSON object of NDJSON bytes, one per line (1-based line numbers). A line
 * that does not parse, or parses to something other than an object, is counted and
 * skipped: a recording with one bad line is still worth importing.
 *
 * Lines are decoded one at a time: a single non-ASCII character would otherwise turn
 * the whole recording into a two-byte string, doubling its memory and parse time.
 */
export function forEachNdjsonRecord(bytes: Uint8Array, visit: NdjsonVisitor): NdjsonStats {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stats: NdjsonStats = { lines: 0, malformed: 0, cutOffLine: undefined };
  const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  let start = hasBom ? 3 : 0;
  let line = 0;

  while (start < buffer.length) {
    let end = buffer.indexOf(NEWLINE, start);
    const unterminated = end === -1;
    if (unterminated) {
      end = buffer.length;
    }
    line += 1;
    const content = buffer.toString('utf8', start, end).trim();
    start = end + 1;
    if (content === '') {
      continue;
    }

    stats.lines += 1;
    const record = parseObject(content);
    if (record === undefined) {
      stats.malformed += 1;
      if (unterminated) {
        stats.cutOffLine = line;
      }
      continue;
    }
    visit(record, line);
  }
  return stats;
}

function parseObject(content: string): Record<string, unknown> | undefined {
  if (content.charCodeAt(0) !== OPEN_BRACE) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
