import { booleanOf, textOf } from '../windows/field-values.ts';
import type { WindowsRecord } from '../windows/windows-record.ts';

/** What a recording reveals about one endpoint, gathered while its records are read. */
export interface HostProfile {
  key: string;
  /** Spellings of the short name as recorded, with counts. */
  names: Map<string, number>;
  /** DNS suffixes seen in fully qualified names (`theshire.local`). */
  dnsSuffixes: Map<string, number>;
  localIps: Map<string, number>;
  users: Map<string, number>;
  /** Windows build numbers from the version of system images it ran. */
  builds: Map<number, number>;
  /** It issued Kerberos tickets (4768/4769): a domain controller. */
  isKdc: boolean;
  records: number;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The key an endpoint is known by: its short name in upper case (an IP stays as is). */
export function hostKeyOf(host: string): string {
  if (host === '') {
    return '';
  }
  return IPV4.test(host) ? host : (host.split('.')[0] ?? host).toUpperCase();
}

export function createHostProfile(key: string): HostProfile {
  return {
    key,
    names: new Map(),
    dnsSuffixes: new Map(),
    localIps: new Map(),
    users: new Map(),
    builds: new Map(),
    isKdc: false,
    records: 0,
  };
}

function bump<K>(map: Map<K, number>, key: K | undefined): void {
  if (key !== undefined) {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

const SERVICE_ACCOUNTS = /^(nt authority|window manager|font driver host)\\/i;
const SYSTEM_IMAGE = /\\windows\\(system32|syswow64)\\[^\\]+$/i;

/** Folds one record into the profile of its endpoint. */
export function observeHost(profile: HostProfile, record: WindowsRecord): void {
  profile.records += 1;
  if (record.host !== '' && !IPV4.test(record.host)) {
    const [short, ...suffix] = record.host.split('.');
    bump(profile.names, short);
    bump(profile.dnsSuffixes, suffix.length > 0 ? suffix.join('.').toLowerCase() : undefined);
  } else if (record.host !== '') {
    bump(profile.names, record.host);
  }

  const fields = record.fields;
  if (record.kind === 'security' && (record.eventId === 4768 || record.eventId === 4769)) {
    profile.isKdc = true;
  }
  if (record.kind !== 'sysmon') {
    return;
  }
  if (record.eventId === 3) {
    const initiated = booleanOf(fields, 'Initiated') !== false;
    bump(profile.localIps, usableIp(textOf(fields, initiated ? 'SourceIp' : 'DestinationIp')));
  }
  if (record.eventId === 1) {
    const user = textOf(fields, 'User');
    if (user !== undefined && !SERVICE_ACCOUNTS.test(user)) {
      bump(profile.users, user);
    }
    const image = textOf(fields, 'Image') ?? '';
    const build = /^10\.0\.(\d{5})\./.exec(textOf(fields, 'FileVersion') ?? '')?.[1];
    if (build !== undefined && SYSTEM_IMAGE.test(image)) {
      bump(profile.builds, Number(build));
    }
  }
}

/** An address the endpoint is reachable at: IPv4, not loopback, link-local or unspecified. */
function usableIp(ip: string | undefined): string | undefined {
  if (ip === undefined || !IPV4.test(ip) || ip === '0.0.0.0') {
    return undefined;
  }
  return ip.startsWith('127.') || ip.startsWith('169.254.') ? undefined : ip;
}

/** The most frequent key of a tally; ties go to the first seen. */
export function mostFrequent<K>(map: Map<K, number>): K | undefined {
  let best: K | undefined;
  let count = 0;
  for (const [key, seen] of map) {
    if (seen > count) {
      best = key;
      count = seen;
    }
  }
  return best;
}
