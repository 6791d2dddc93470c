/** A console's origin, the form held actions compare; null when the gate was not told. */
export function consoleOrigin(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
