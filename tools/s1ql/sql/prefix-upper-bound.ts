const MAX_CODE_POINT = 0x10ffff;
const SURROGATE_START = 0xd800;
const SURROGATE_END = 0xdfff;

/**
 * The smallest string greater than every string that starts with `prefix`, in code point
 * order (which is how SQLite's BINARY collation orders UTF-8 text). `undefined` when no such
 * string exists, in which case `>= prefix` alone already means "starts with prefix".
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = [...prefix].map((char) => char.codePointAt(0) ?? 0);

  for (let index = codePoints.length - 1; index >= 0; index -= 1) {
    const codePoint = codePoints[index] ?? MAX_CODE_POINT;
    if (codePoint < MAX_CODE_POINT) {
      const next = codePoint + 1 === SURROGATE_START ? SURROGATE_END + 1 : codePoint + 1;
      return String.fromCodePoint(...codePoints.slice(0, index), next);
    }
  }
  return undefined;
}
