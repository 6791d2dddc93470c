import type { EventType } from '../../s1ql/event-types.ts';
import type { EventFacts, Execution } from './event-facts.ts';

export const PROCESS_START: readonly EventType[] = ['Process Creation'];

/**
 * Rules on commands look at every event type: a command shows in a process creation, in
 * script content, and in the first event of a process whose creation the case lacks.
 */
export const ANY_EVENT: readonly EventType[] = [];

export const REGISTRY_WRITES: readonly EventType[] = [
  'Registry Key Create',
  'Registry Value Create',
  'Registry Value Modified',
];

export const FILE_WRITES: readonly EventType[] = [
  'File Creation',
  'File Modification',
  'File Rename',
];

export const POWERSHELL_IMAGES = ['powershell.exe', 'pwsh.exe', 'powershell_ise.exe'];
export const SHELL_IMAGES = ['cmd.exe', ...POWERSHELL_IMAGES];
export const SCRIPT_HOSTS = ['wscript.exe', 'cscript.exe', 'mshta.exe'];
export const OFFICE_IMAGES = [
  'winword.exe',
  'excel.exe',
  'powerpnt.exe',
  'outlook.exe',
  'msaccess.exe',
  'mspub.exe',
  'onenote.exe',
  'visio.exe',
];

/** Windows' own binaries folders; a path there is not attacker-chosen without admin rights. */
/**
 * One pattern matching any of the parts (sources joined by `|`), so a long alternation
 * reads as a list. Parts must be whole alternatives; group them to alternate inside.
 */
export function oneOf(...parts: (RegExp | string)[]): RegExp {
  return new RegExp(parts.map((part) => (typeof part === 'string' ? part : part.source)).join('|'));
}

/** Windows' own binaries folders (and Defender's, which updates itself outside them). */
const SYSTEM_DIR = oneOf(
  /^[a-z]:\\windows\\(system32|syswow64|winsxs|servicing)\\/,
  /^[a-z]:\\programdata\\microsoft\\windows defender\\platform\\/,
  /^[a-z]:\\program files\\windows defender\\/,
);

/** Folders any user can write to, where dropped tools usually run from. */
const USER_WRITABLE =
  /\\(users|programdata|perflogs|\$recycle\.bin)\\|\\windows\\(temp|tasks|tracing)\\|^\\\\/;

/**
 * A lower-cased path in its drive-letter form: Windows also writes `\\?\c:\`, `\??\c:\`,
 * `\device\harddiskvolume2\` and `\systemroot\` for the same files.
 */
export function drivePath(path: string): string {
  return path
    .toLowerCase()
    .replace(/^\\\\\?\\|^\\\?\?\\/, '')
    .replace(/^\\device\\harddiskvolume\d+\\/, 'c:\\')
    .replace(/^(\\systemroot|%systemroot%|%windir%)\\/, 'c:\\windows\\');
}

export function isSystemPath(path: string): boolean {
  return SYSTEM_DIR.test(drivePath(path));
}

export function isUserWritablePath(path: string): boolean {
  return USER_WRITABLE.test(drivePath(path));
}

/**
 * Where droppers put programs: temp folders, Downloads, the desktop, Public, shares, or
 * straight into ProgramData or AppData. Per-user installs live deeper, in vendor folders
 * (`AppData\Local\Vendor\App\app.exe`), and are not counted.
 */
const DROP_LOCATION = oneOf(
  /\\(temp|tmp|downloads|desktop|public|perflogs|\$recycle\.bin|inetcache)\\/,
  /^[a-z]:\\(programdata|users\\[^\\]+\\appdata\\(local|roaming))\\([^\\]+\\)?[^\\]+$/,
  /^\\\\/,
  /^[a-z]:\\[^\\]+$/,
);

export function isDropLocation(path: string): boolean {
  return path !== '' && DROP_LOCATION.test(drivePath(path));
}

/** The execution, when the started image is one of `images`. */
export function startedImage(facts: EventFacts, images: readonly string[]): Execution | undefined {
  const exec = facts.exec;
  return exec !== undefined && images.includes(exec.image) ? exec : undefined;
}

/** True when the started command line matches every pattern. */
export function commandMatches(exec: Execution | undefined, ...patterns: RegExp[]): boolean {
  return exec !== undefined && patterns.every((pattern) => pattern.test(exec.cmd));
}

/** True when the command text (command line or script) matches the pattern. */
export function textMatches(facts: EventFacts, pattern: RegExp): boolean {
  return facts.text !== '' && pattern.test(facts.text);
}

/**
 * A pattern for running a PowerShell command, not defining it: `function Invoke-DcSync`
 * in a loaded module is not a DCSync.
 */
export function invoked(...names: string[]): RegExp {
  return new RegExp(`(?<!function\\s+)\\b(${names.join('|')})\\b`);
}

/** Longer scripts are libraries: a command named in one is defined or wrapped, not run. */
const LIBRARY_SIZE = 4096;

/**
 * A predicate for "these PowerShell commands were run": named in a command line, logged
 * as a module-logging invocation (`CommandInvocation(Get-NetSession)`), or called in a
 * script short enough to be a command rather than a loaded module.
 */
export function runsCommand(...names: string[]): (facts: EventFacts) => boolean {
  const call = invoked(...names);
  const logged = new RegExp(`commandinvocation\\((${names.join('|')})\\)`);
  return (facts) =>
    (facts.exec !== undefined && call.test(facts.exec.cmd)) ||
    (facts.script !== '' &&
      (logged.test(facts.script) ||
        (facts.script.length <= LIBRARY_SIZE && call.test(facts.script))));
}

/** A Windows program name in a command line, quoted or not, with or without `.exe`. */
export function program(name: string): string {
  return `(^|[\\s\\\\/"'(])${name}(\\.exe)?(["'\\s]|$)`;
}

/** True when the acting process is a Windows component, not a shell or proxy it was told to run. */
export function isOsComponent(facts: EventFacts): boolean {
  return isSystemPath(facts.actorPath) && !COMMAND_RUNNERS.includes(facts.actorImage);
}

/** System binaries that run whatever they are given: their path says nothing about intent. */
export const COMMAND_RUNNERS = [
  'cmd.exe',
  'powershell.exe',
  'pwsh.exe',
  'powershell_ise.exe',
  'reg.exe',
  'regedit.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'mshta.exe',
  'wscript.exe',
  'cscript.exe',
  'wmic.exe',
  'certutil.exe',
  'bitsadmin.exe',
  'msbuild.exe',
  'installutil.exe',
  'cmstp.exe',
  'schtasks.exe',
  'sc.exe',
  'netsh.exe',
];

/** `DWORD (0x00000001)` as Sysmon writes it, `1`, or `0x1`; undefined for anything else. */
export function registryNumber(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  const hex = /^(?:dword|qword)?\s*\(?\s*0x([0-9a-f]+)\)?$/.exec(text);
  if (hex?.[1] !== undefined) {
    return Number.parseInt(hex[1], 16);
  }
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
