/**
 * Where an address points. `public` is anything routable on the internet, including the
 * documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24): examples and
 * test data use them for outside hosts, so filtering them would hide exactly those.
 */
export type IpScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

interface Range {
  base: number;
  bits: number;
  scope: IpScope;
}

const V4_RANGES: readonly Range[] = [
  { base: v4(0, 0, 0, 0), bits: 8, scope: 'unspecified' },
  { base: v4(10, 0, 0, 0), bits: 8, scope: 'private' },
  { base: v4(100, 64, 0, 0), bits: 10, scope: 'private' },
  { base: v4(127, 0, 0, 0), bits: 8, scope: 'loopback' },
  { base: v4(169, 254, 0, 0), bits: 16, scope: 'link-local' },
  { base: v4(172, 16, 0, 0), bits: 12, scope: 'private' },
  { base: v4(192, 168, 0, 0), bits: 16, scope: 'private' },
  { base: v4(224, 0, 0, 0), bits: 4, scope: 'multicast' },
  { base: v4(240, 0, 0, 0), bits: 4, scope: 'reserved' },
];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted IPv4 address, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const match = V4.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const parts = match.slice(1).map(Number);
  if (parts.some((part) => part > 255)) {
    return undefined;
  }
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return v4(a, b, c, d);
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, zone dropped), or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  const address = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (!address.includes(':') || !/^[0-9a-f:.]+$/i.test(address)) {
    return undefined;
  }
  const body = withHexTail(address);
  if (body === undefined) {
    return undefined;
  }
  const halves = body.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groupsOf = (half: string | undefined) =>
    half === undefined || half === '' ? [] : half.split(':');
  const head = groupsOf(halves[0]);
  const rest = groupsOf(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) {
    return undefined;
  }
  const groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) {
    return undefined;
  }
  return groups.map((group) => Number.parseInt(group, 16));
}

/** `::ffff:10.1.2.3` written as `::ffff:a01:203`, so one parser reads both forms. */
function withHexTail(address: string): string | undefined {
  const embedded = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (embedded === undefined) {
    return address;
  }
  const value = parseIpv4(embedded);
  if (value === undefined) {
    return undefined;
  }
  const high = (value >>> 16).toString(16);
  const low = (value & 0xffff).toString(16);
  return `${address.slice(0, -embedded.length)}${high}:${low}`;
}

function scopeOfV4(value: number): IpScope {
  if (value === 0xffffffff) {
    return 'reserved';
  }
  for (const range of V4_RANGES) {
    const mask = range.bits === 0 ? 0 : (~0 << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === range.base) {
      return range.scope;
    }
  }
  return 'public';
}

function scopeOfV6(groups: readonly number[]): IpScope {
  const [first = 0] = groups;
  if (groups.every((group) => group === 0)) {
    return 'unspecified';
  }
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) {
    return 'loopback';
  }
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return scopeOfV4((((groups[6] ?? 0) << 16) >>> 0) + (groups[7] ?? 0));
  }
  if ((first & 0xffc0) === 0xfe80) {
    return 'link-local';
  }
  if ((first & 0xfe00) === 0xfc00) {
    return 'private';
  }
  return (first & 0xff00) === 0xff00 ? 'multicast' : 'public';
}

/** The scope of an IPv4 or IPv6 address, or undefined when the text is not an address. */
export function ipScopeOf(text: string): IpScope | undefined {
  const value = parseIpv4(text);
  if (value !== undefined) {
    return scopeOfV4(value);
  }
  const groups = parseIpv6(text);
  return groups === undefined ? undefined : scopeOfV6(groups);
}

export function isPublicIp(text: string): boolean {
  return ipScopeOf(text) === 'public';
}
