import { ipScopeOf } from './ip-address.ts';

const URL = /\b(?:https?|ftp):\/\/[^\s"'<>`|^]+/gi;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const DOMAIN = /(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?![\w-])/gi;

/**
 * Top-level domains a bare name in a command line is believed under. Short on purpose:
 * `.exe`, `.ps1` and friends are not TLDs, but `.zip`, `.mov` and `.sh` are, and a
 * command line full of file names must not turn into a list of domains. `.example` and
 * `.test` are kept because examples and tests name outside hosts with them.
 */
const BARE_DOMAIN_TLDS = new Set(
  (
    'com net org info biz io co us uk de fr nl ru cn su top xyz online site club icu me ' +
    'tk ml ga cf gq pw cc ws cloud app dev live link click example test'
  ).split(' '),
);

export interface TextIndicators {
  urls: string[];
  ips: string[];
  domains: string[];
}

/** Trailing punctuation that closes the sentence or the quote around a URL. */
function trimUrl(url: string): string {
  return url.replace(/[).,;:'"\]}]+$/, '');
}

/**
 * URLs, IPv4 addresses and domain names written inside a command line or script. With
 * `bare: false` only URLs count: scripts are full of version numbers (`2.16.0.0`) and
 * .NET names (`System.Net`) that look like addresses and domains.
 */
export function indicatorsInText(text: string, { bare = true } = {}): TextIndicators {
  const urls = [...new Set((text.match(URL) ?? []).map(trimUrl))];
  const withoutUrls = text.replace(URL, ' ');

  const ips = bare
    ? [...new Set(withoutUrls.match(IPV4) ?? [])].filter((ip) => ipScopeOf(ip) !== undefined)
    : [];

  const domains = new Set<string>();
  for (const url of urls) {
    const host = hostOf(url);
    if (host !== undefined && ipScopeOf(host) === undefined) {
      domains.add(host);
    }
  }
  for (const match of bare ? withoutUrls.matchAll(DOMAIN) : []) {
    const tld = match[1]?.toLowerCase();
    if (tld !== undefined && BARE_DOMAIN_TLDS.has(tld)) {
      domains.add(match[0].toLowerCase());
    }
  }
  return { urls, ips, domains: [...domains] };
}

/** The host of a URL, lower-cased, without port or brackets. */
export function hostOf(url: string): string | undefined {
  try {
    return new globalThis.URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}
