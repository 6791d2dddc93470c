/**
 * Text as the coverage and injection scores compare it: lower case, defanged indicators
 * restored (`hxxp` -> `http`, `[.]` -> `.`, `[:]` -> `:`), doubled backslashes single, and
 * runs of white space as one space, line breaks kept (one per line).
 */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/hxxp/g, 'http')
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\\\\/g, '\\')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
