/** Whether an address or name points outside the lab: only those make useful IOCs. */

function ipv4Octets(ip: string): number[] | undefined {
  const mapped = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  const parts = mapped.split('.');
  if (parts.length !== 4) {
    return undefined;
  }
  const octets = parts.map(Number);
  return octets.every((octet) => Number.isInteger(octet) && octet >= 0 && octet <= 255)
    ? octets
    : undefined;
}

/** Not private, loopback, link-local, shared (CGNAT), multicast, reserved or unspecified. */
export function isPublicIp(ip: string): boolean {
  const octets = ipv4Octets(ip);
  if (octets !== undefined) {
    const [a = 0, b = 0] = octets;
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  const lower = ip.toLowerCase();
  if (!lower.includes(':')) {
    return false;
  }
  return !(
    lower === '::' ||
    lower === '::1' ||
    /^fe[89ab]/.test(lower) ||
    /^f[cd]/.test(lower) ||
    lower.startsWith('ff')
  );
}

const LOCAL_SUFFIXES = ['.local', '.lan', '.internal', '.arpa', '.localdomain', '.home'];

/**
 * Windows talks to these on its own (updates, certificate revocation, telemetry,
 * connectivity checks), inside whichever process asked the crypto or network API.
 */
const PLATFORM_DOMAINS = [
  'windowsupdate.com',
  'microsoft.com',
  'windows.com',
  'msftncsi.com',
  'msftconnecttest.com',
  'live.com',
  'msn.com',
  'bing.com',
  'office.com',
  'office365.com',
  'azureedge.net',
  'digicert.com',
  'verisign.com',
  'symcd.com',
  'globalsign.com',
  'windows.net',
  'trafficmanager.net',
];

/** A DNS name on the internet: dotted, not the lab's own domain, not a local suffix. */
export function isExternalDomain(name: string, ownDomains: readonly string[]): boolean {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (!lower.includes('.') || ipv4Octets(lower) !== undefined) {
    return false;
  }
  if (LOCAL_SUFFIXES.some((suffix) => lower.endsWith(suffix))) {
    return false;
  }
  if (PLATFORM_DOMAINS.some((domain) => lower === domain || lower.endsWith(`.${domain}`))) {
    return false;
  }
  return !ownDomains.some((domain) => lower === domain || lower.endsWith(`.${domain}`));
}
