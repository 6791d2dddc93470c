import type { S1qlSpan } from '../ast.ts';

/** Turns offsets into spans with 1-based line and column. */
export interface SourceLocator {
  span(start: number, end: number): S1qlSpan;
}

export function createSourceLocator(text: string): SourceLocator {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\n') lineStarts.push(i + 1);
  }

  function lineIndexOf(offset: number): number {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  return {
    span(start, end) {
      const index = lineIndexOf(start);
      return { start, end, line: index + 1, column: start - (lineStarts[index] ?? 0) + 1 };
    },
  };
}
