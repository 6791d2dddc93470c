const SCHEME = /\b(https?|ftp)(:\/\/)/gi;
const WWW = /\bwww\./gi;
const IPV4 = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Indicators written so no reader or chat tool turns them into live links: `hxxp://`,
 * `198[.]51[.]100[.]7`, `evil[.]example`. This is how analysts share IOCs, and a case note
 * with a live link waits for approval, since injected telemetry could phish through one.
 */
export function defang(
  text: string,
  { domains = [] }: { domains?: readonly string[] } = {},
): string {
  let out = text
    .replace(SCHEME, (_, scheme: string, rest: string) => `${scheme.replace(/t/gi, 'x')}${rest}`)
    .replace(WWW, 'www[.]')
    .replace(IPV4, '$1[.]$2[.]$3[.]$4');
  for (const domain of [...domains].sort((a, b) => b.length - a.length)) {
    if (!domain.includes('.')) continue;
    out = out.replace(new RegExp(escapeRegExp(domain), 'gi'), (found) =>
      found.replaceAll('.', '[.]'),
    );
  }

  return out;
}
