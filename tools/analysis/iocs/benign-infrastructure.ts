import { drivePath, oneOf } from '../attack/rule-helpers.ts';
import { fileNameOf } from '../evidence/file-name.ts';
import { ipScopeOf } from './ip-address.ts';

/**
 * The allow-list behind IOC filtering. Kept small and general on purpose: each entry is
 * infrastructure every Windows fleet talks to or software Windows itself ships, never a
 * name taken from a particular case. Anything not listed stays an IOC.
 */

/** Microsoft update, telemetry, licensing and connectivity-check domains (and subdomains). */
export const MICROSOFT_DOMAINS: readonly string[] = [
  'microsoft.com',
  'windowsupdate.com',
  'windows.com',
  'microsoftonline.com',
  'msftncsi.com',
  'msftconnecttest.com',
  'office.com',
  'office.net',
  'msedge.net',
];

/** Certificate authorities whose CRL and OCSP hosts every TLS client checks. */
export const CERTIFICATE_AUTHORITIES: readonly string[] = [
  'digicert.com',
  'verisign.com',
  'symcd.com',
  'symcb.com',
  'globalsign.com',
  'globalsign.net',
  'sectigo.com',
  'comodoca.com',
  'usertrust.com',
  'entrust.net',
  'godaddy.com',
  'letsencrypt.org',
  'lencr.org',
  'pki.goog',
  'amazontrust.com',
];

const CERTIFICATE_HOST = /^(ocsp|crl|ocsp\d|crl\d|status|cacerts)\./;

/** Suffixes that only resolve inside a network or are reverse-lookup zones. */
const LOCAL_SUFFIXES = [
  '.local',
  '.lan',
  '.localdomain',
  '.home.arpa',
  '.in-addr.arpa',
  '.ip6.arpa',
  '.localhost',
];

/**
 * Windows binaries by name. A file of one of these names at its place under the Windows
 * folder is the operating system, not an indicator; the same name elsewhere, or a copy
 * whose hash differs from the others in the case, is kept.
 */
export const WELL_KNOWN_SYSTEM_BINARIES: ReadonlySet<string> = new Set(
  (
    'arp at atbroker attrib auditpol backgroundtaskhost bcdedit bitsadmin calc certutil ' +
    'cmd cmstp compattelrunner conhost consent control cscript csrss ctfmon dcomcnfg dfsrs ' +
    'dllhost dns dsregcmd dwm esentutl eventvwr explorer fodhelper fontdrvhost forfiles ' +
    'gpupdate hh hostname icacls ipconfig logonui lsass lsm makecab mmc mobsync mofcomp ' +
    'msdt msiexec mshta msiexec net net1 netsh netstat nltest notepad nslookup ntdsutil ' +
    'odbcconf ping powershell powershell_ise qprocess query quser qwinsta reg regedit ' +
    'regsvr32 rundll32 runtimebroker sc schtasks searchfilterhost searchindexer ' +
    'searchprotocolhost searchui services sethc sihost slui smartscreen smss snippingtool ' +
    'spoolsv sppsvc svchost systeminfo taskhost taskhostw taskkill tasklist taskmgr ' +
    'timeout tiworker trustedinstaller userinit usocoreworker vssadmin vssvc wbadmin ' +
    'werfault wermgr wevtutil whoami wininit winlogon winrs wmiadap wmic wmiprvse ' +
    'wscript wsmprovhost wuauclt installutil regasm regsvcs msbuild csc cvtres'
  )
    .split(' ')
    .map((name) => `${name}.exe`),
);

const WINDOWS_BINARY_DIR =
  /^[a-z]:\\windows\\((system32|syswow64|winsxs|servicing|microsoft\.net)\\|[^\\]+$)/;

/**
 * Where installed software lives: a vendor folder under Program Files (writing there takes
 * administrator rights) or Defender's platform folder. A program dropped straight into
 * `Program Files\` belongs to no installation and stays an IOC.
 */
const INSTALLED_SOFTWARE = oneOf(
  /^[a-z]:\\(program files|program files \(x86\))\\[^\\]+\\/,
  /^[a-z]:\\programdata\\microsoft\\windows defender\\[^\\]+\\/,
);

export type FilterReason =
  | 'private-ip'
  | 'loopback-ip'
  | 'link-local-ip'
  | 'multicast-ip'
  | 'reserved-ip'
  | 'os-component-traffic'
  | 'microsoft-domain'
  | 'certificate-check-domain'
  | 'local-name'
  | 'system-binary'
  | 'installed-software';

function endsWithDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Why a domain is routine infrastructure, or undefined when it may be an IOC. */
export function benignDomainReason(domain: string): FilterReason | undefined {
  const host = domain.toLowerCase().replace(/\.$/, '');
  if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return 'local-name';
  }
  if (MICROSOFT_DOMAINS.some((item) => endsWithDomain(host, item))) {
    return 'microsoft-domain';
  }
  if (
    CERTIFICATE_HOST.test(host) &&
    CERTIFICATE_AUTHORITIES.some((item) => endsWithDomain(host, item))
  ) {
    return 'certificate-check-domain';
  }
  return undefined;
}

/** Why an address is not an IOC (not routable on the internet), or undefined. */
export function benignIpReason(ip: string): FilterReason | undefined {
  switch (ipScopeOf(ip)) {
    case 'private':
      return 'private-ip';
    case 'loopback':
    case 'unspecified':
      return 'loopback-ip';
    case 'link-local':
      return 'link-local-ip';
    case 'multicast':
      return 'multicast-ip';
    case 'reserved':
      return 'reserved-ip';
    default:
      return undefined;
  }
}

/** Why an image or file path is the system's or installed software, or undefined. */
export function benignPathReason(path: string): FilterReason | undefined {
  const normal = drivePath(path);
  if (WINDOWS_BINARY_DIR.test(normal) && WELL_KNOWN_SYSTEM_BINARIES.has(fileNameOf(normal))) {
    return 'system-binary';
  }
  return INSTALLED_SOFTWARE.test(normal) ? 'installed-software' : undefined;
}
