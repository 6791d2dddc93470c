import type { S1qlSpan } from '../ast.ts';

/** The span from the start of `from` to the end of `to`, positioned where `from` starts. */
export function coverSpans(from: S1qlSpan, to: S1qlSpan): S1qlSpan {
  return { start: from.start, end: to.end, line: from.line, column: from.column };
}
