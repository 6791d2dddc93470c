/**
 * The words hunters use for groups of programs, places and ports, and the values they mean
 * in telemetry. Image names are matched case-insensitively, so one spelling each is enough.
 */
export const PROCESS_GROUPS: readonly { words: RegExp; label: string; names: string[] }[] = [
  {
    words: /\b(?:ms\s+)?office(?:\s+(?:apps?|applications?|process(?:es)?|programs?))?\b/i,
    label: 'an Office application',
    names: [
      'winword.exe',
      'excel.exe',
      'powerpnt.exe',
      'outlook.exe',
      'msaccess.exe',
      'mspub.exe',
      'onenote.exe',
    ],
  },
  {
    words: /\b(?:a\s+)?(?:command\s+)?shells?\b/i,
    label: 'a shell',
    names: ['cmd.exe', 'powershell.exe', 'pwsh.exe'],
  },
  {
    words: /\bscript\s+hosts?\b/i,
    label: 'a script host',
    names: ['wscript.exe', 'cscript.exe', 'mshta.exe'],
  },
  {
    words: /\bbrowsers?\b/i,
    label: 'a web browser',
    names: ['msedge.exe', 'chrome.exe', 'firefox.exe', 'iexplore.exe', 'brave.exe'],
  },
];

/** Office applications: the usual first step of a document-borne chain. */
export const OFFICE_PROGRAMS: readonly string[] = PROCESS_GROUPS[0]?.names ?? [];

/**
 * The shell a macro usually runs its payload through (`winword.exe -> cmd.exe ->
 * powershell.exe`): a program "started by" an Office app is matched through it too.
 */
export const INTERMEDIATE_SHELL = 'cmd.exe';

/** Programs named without `.exe`; `powershell` also covers PowerShell 7. */
export const BARE_PROGRAMS: Record<string, string[]> = {
  powershell: ['powershell.exe', 'pwsh.exe'],
  pwsh: ['pwsh.exe'],
  cmd: ['cmd.exe'],
  rundll32: ['rundll32.exe'],
  regsvr32: ['regsvr32.exe'],
  mshta: ['mshta.exe'],
  certutil: ['certutil.exe'],
  bitsadmin: ['bitsadmin.exe'],
  wmic: ['wmic.exe'],
  psexec: ['psexec.exe', 'psexec64.exe'],
  psexesvc: ['psexesvc.exe'],
  schtasks: ['schtasks.exe'],
  nltest: ['nltest.exe'],
  whoami: ['whoami.exe'],
  tasklist: ['tasklist.exe'],
  mimikatz: ['mimikatz.exe'],
  procdump: ['procdump.exe', 'procdump64.exe'],
  msiexec: ['msiexec.exe'],
  wscript: ['wscript.exe'],
  cscript: ['cscript.exe'],
  winword: ['winword.exe'],
  word: ['winword.exe'],
  excel: ['excel.exe'],
  outlook: ['outlook.exe'],
  svchost: ['svchost.exe'],
  lsass: ['lsass.exe'],
  explorer: ['explorer.exe'],
  services: ['services.exe'],
  netsh: ['netsh.exe'],
  reg: ['reg.exe'],
  installutil: ['installutil.exe'],
  cmstp: ['cmstp.exe'],
  wmiprvse: ['wmiprvse.exe'],
  python: ['python.exe'],
  calc: ['calc.exe'],
  teams: ['teams.exe'],
  msedge: ['msedge.exe'],
  edge: ['msedge.exe'],
  chrome: ['chrome.exe'],
  taskhostw: ['taskhostw.exe'],
  conhost: ['conhost.exe'],
  usocoreworker: ['usocoreworker.exe'],
  msmpeng: ['msmpeng.exe'],
  defender: ['msmpeng.exe'],
  rundll: ['rundll32.exe'],
  net: ['net.exe', 'net1.exe'],
  sc: ['sc.exe'],
  vssadmin: ['vssadmin.exe'],
  wevtutil: ['wevtutil.exe'],
  auditpol: ['auditpol.exe'],
  bcdedit: ['bcdedit.exe'],
  hh: ['hh.exe'],
  control: ['control.exe'],
  seatbelt: ['seatbelt.exe'],
  rubeus: ['rubeus.exe'],
};

/** Folder words and the path fragment each means. */
export const PLACES: readonly { words: RegExp; fragment: string }[] = [
  {
    words: /%temp%|\btemp(?:orary)?\s+(?:folders?|director(?:y|ies)|dirs?)\b|\btemp\b/i,
    fragment: '\\Temp\\',
  },
  { words: /%appdata%|\bappdata\b/i, fragment: '\\AppData\\' },
  { words: /%programdata%|\bprogramdata\b/i, fragment: '\\ProgramData\\' },
  {
    words: /\bdownloads?\s+(?:folders?|director(?:y|ies))\b|\bdownloads\b/i,
    fragment: '\\Downloads\\',
  },
  { words: /\bstartup\s+folders?\b/i, fragment: '\\Start Menu\\Programs\\Startup' },
  {
    words: /\bpublic\s+(?:folders?|profile|users?)\b|\\users\\public\b/i,
    fragment: '\\Users\\Public\\',
  },
  { words: /\bsystem32\b/i, fragment: '\\System32\\' },
  { words: /\btasks\s+folder\b/i, fragment: '\\System32\\Tasks\\' },
];

/** Service words and their usual ports. */
export const SERVICE_PORTS: Record<string, string[]> = {
  rdp: ['3389'],
  smb: ['445'],
  winrm: ['5985', '5986'],
  ssh: ['22'],
  ldap: ['389', '636'],
  kerberos: ['88'],
  rpc: ['135'],
  telnet: ['23'],
  ftp: ['21'],
};

/** Registry locations hunters name in words. */
export const REGISTRY_PLACES: readonly { words: RegExp; fragment: string }[] = [
  { words: /\brun\s*(?:once)?\s*keys?\b|\bautorun\s+keys?\b/i, fragment: '\\CurrentVersion\\Run' },
  {
    words: /\bservices?\s+keys?\b|\bservice\s+(?:registration|install(?:ation)?s?)\b/i,
    fragment: '\\CurrentControlSet\\Services\\',
  },
  { words: /\bwinlogon\b/i, fragment: '\\Winlogon' },
  {
    words: /\bimage\s+file\s+execution\s+options\b|\bifeo\b/i,
    fragment: '\\Image File Execution Options',
  },
];

/** Private, loopback and link-local address prefixes, as one RE2 pattern. */
export const INTERNAL_ADDRESS_PATTERN =
  '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|127\\.|169\\.254\\.|::1$|fe80:)';
