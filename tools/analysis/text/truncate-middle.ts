/**
 * Cuts text to `max` characters keeping both ends: a command line's program and its last
 * argument, a path's drive and file name. Says how many characters it cut; never splits
 * a UTF-16 surrogate pair.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  // The marker's length depends on the count it shows; the count of the whole text is an
  // upper bound with at least as many digits.
  const room = Math.max(max - marker(text.length).length, 2);
  const head = safeHead(text, Math.ceil((room * 2) / 3));
  const tail = safeTail(text, room - head.length);
  return `${head}${marker(text.length - head.length - tail.length)}${tail}`;
}

function marker(cut: number): string {
  return ` … [${cut} chars cut] … `;
}

function safeHead(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function safeTail(text: string, length: number): string {
  if (length <= 0) return '';
  const cut = text.slice(text.length - length);
  return /^[\uDC00-\uDFFF]/.test(cut) ? cut.slice(1) : cut;
}
