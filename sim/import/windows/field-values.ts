/**
 * Readers for the loosely typed values of flattened Windows events: the same field is a
 * number in one pipeline and a string in another, and `-` means "none" in Security events.
 */

export type Fields = Record<string, unknown>;

/** The first of `keys` holding a usable string (numbers are stringified). */
export function textOf(fields: Fields, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '' && trimmed !== '-') {
        return trimmed;
      }
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      return String(value);
    } else if (typeof value === 'boolean') {
      return String(value);
    }
  }
  return undefined;
}

/** A process id written as a number, a decimal string or `0x`-prefixed hex. */
export function pidOf(fields: Fields, ...keys: string[]): number | undefined {
  const value = textOf(fields, ...keys);
  if (value === undefined) {
    return undefined;
  }
  const pid = /^0x[0-9a-f]+$/i.test(value) ? Number.parseInt(value, 16) : Number(value);
  return Number.isSafeInteger(pid) && pid >= 0 ? pid : undefined;
}

export function numberOf(fields: Fields, ...keys: string[]): number | undefined {
  const value = textOf(fields, ...keys);
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function booleanOf(fields: Fields, ...keys: string[]): boolean | undefined {
  const value = textOf(fields, ...keys)?.toLowerCase();
  if (value === 'true' || value === '1') {
    return true;
  }
  return value === 'false' || value === '0' ? false : undefined;
}

const ZERO_GUID = /^\{?0{8}-0{4}-0{4}-0{4}-0{12}\}?$/;

/** Sysmon GUIDs differ in case between pipelines; the all-zero GUID means "unknown". */
export function guidOf(fields: Fields, ...keys: string[]): string | undefined {
  const value = textOf(fields, ...keys);
  if (value === undefined || ZERO_GUID.test(value)) {
    return undefined;
  }
  const bare = value.toLowerCase().replace(/^\{|\}$/g, '');
  return `{${bare}}`;
}

export interface Hashes {
  sha1?: string;
  md5?: string;
  sha256?: string;
}

/** Splits Sysmon's `SHA1=..,MD5=..,SHA256=..,IMPHASH=..` into lower-case hex digests. */
export function hashesOf(value: string | undefined): Hashes {
  const hashes: Hashes = {};
  if (value === undefined) {
    return hashes;
  }
  for (const pair of value.split(',')) {
    const separator = pair.indexOf('=');
    if (separator === -1) {
      continue;
    }
    const algorithm = pair.slice(0, separator).trim().toUpperCase();
    const digest = pair
      .slice(separator + 1)
      .trim()
      .toLowerCase();
    if (!/^[0-9a-f]+$/.test(digest)) {
      continue;
    }
    if (algorithm === 'SHA1' && digest.length === 40) {
      hashes.sha1 = digest;
    } else if (algorithm === 'MD5' && digest.length === 32) {
      hashes.md5 = digest;
    } else if (algorithm === 'SHA256' && digest.length === 64) {
      hashes.sha256 = digest;
    }
  }
  return hashes;
}

export type IntegrityLevel =
  | 'UNKNOWN'
  | 'UNTRUSTED'
  | 'LOW'
  | 'MEDIUM'
  | 'HIGH'
  | 'SYSTEM'
  | 'PROTECTED';

const INTEGRITY_BY_NAME: Record<string, IntegrityLevel> = {
  untrusted: 'UNTRUSTED',
  low: 'LOW',
  appcontainer: 'LOW',
  medium: 'MEDIUM',
  mediumplus: 'MEDIUM',
  high: 'HIGH',
  system: 'SYSTEM',
  protected: 'PROTECTED',
};

/** Mandatory-label SIDs as 4688 writes them (`S-1-16-12288` is High). */
const INTEGRITY_BY_SID: Record<string, IntegrityLevel> = {
  's-1-16-0': 'UNTRUSTED',
  's-1-16-4096': 'LOW',
  's-1-16-8192': 'MEDIUM',
  's-1-16-8448': 'MEDIUM',
  's-1-16-12288': 'HIGH',
  's-1-16-16384': 'SYSTEM',
  's-1-16-20480': 'PROTECTED',
};

/** Sysmon's `High`/`Medium`/`AppContainer` or a mandatory-label SID, as the catalogue enum. */
export function integrityLevelOf(value: string | undefined): IntegrityLevel | undefined {
  if (value === undefined) {
    return undefined;
  }
  const key = value.toLowerCase().replace(/\s+/g, '');
  return INTEGRITY_BY_NAME[key] ?? INTEGRITY_BY_SID[key];
}

/** The file name of a Windows or POSIX path. */
export function fileNameOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return cut === -1 ? path : path.slice(cut + 1);
}

/** `txt` for `C:\a\b.TXT`; undefined when the name has no extension. */
export function extensionOf(path: string): string | undefined {
  const name = fileNameOf(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? undefined : name.slice(dot + 1).toLowerCase();
}

/** `DOMAIN\user` from separate domain and user fields, as Sysmon writes `User`. */
export function qualifiedUser(
  domain: string | undefined,
  user: string | undefined,
): string | undefined {
  if (user === undefined) {
    return undefined;
  }
  return domain === undefined || user.includes('\\') ? user : `${domain}\\${user}`;
}
