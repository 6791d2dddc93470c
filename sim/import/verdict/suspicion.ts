/**
 * How suspicious an observed behaviour looks, without any ground truth: the heuristic
 * that places a threat in a recording that has no metadata, and the tie-breaker that
 * makes the detection fire on the most malicious of several matching commands.
 */

export interface Suspicion {
  score: number;
  reasons: string[];
}

interface Rule {
  pattern: RegExp;
  weight: number;
  reason: string;
}

const COMMAND_RULES: Rule[] = [
  {
    pattern:
      /sekurlsa|lsadump|kerberos::|comsvcs(\.dll)?\W+minidump|-ma\s+lsass|lsass\S*\.dmp|mimikatz|reg(\.exe)?\s+save\s+hklm\\(sam|security|system)|ntds\.dit/i,
    weight: 5,
    reason: 'credential dumping',
  },
  {
    pattern: /\s-(e|ec|en|enc|enco|encod|encode|encoded|encodedcommand)\s+[a-z0-9+/=]{20,}/i,
    weight: 4,
    reason: 'encoded PowerShell',
  },
  {
    pattern:
      /downloadstring|downloadfile|invoke-webrequest|\biwr\s|net\.webclient|bitsadmin.*\/transfer|certutil.*-urlcache|start-bitstransfer/i,
    weight: 3,
    reason: 'download cradle',
  },
  { pattern: /\biex\b|invoke-expression/i, weight: 2, reason: 'in-memory execution' },
  {
    pattern:
      /regsvr32.*\/i:|scrobj\.dll|mshta(\.exe)?\W+(javascript|vbscript|https?):|cmstp(\.exe)?\s.*\/s|installutil(\.exe)?\s.*\/u|\bhh(\.exe)?\s.*\.chm|control(\.exe)?\s.*\.cpl|msbuild|process\s+call\s+create|rundll32(\.exe)?\s+\S*(javascript|,#)/i,
    weight: 3,
    reason: 'signed binary proxy execution',
  },
  {
    pattern:
      /currentversion\\run|schtasks(\.exe)?\s.*\/create|\bsc(\.exe)?\s+(\\\\\S+\s+)?(create|config)\s.*binpath|new-service/i,
    weight: 3,
    reason: 'persistence',
  },
  {
    pattern:
      /auditpol(\.exe)?\s.*(\/clear|\/remove|disable)|wevtutil(\.exe)?\s+cl|services\\eventlog|control\\minint|stop-service\s.*eventlog|set-service\s.*(eventlog|netprofm)|processcreationincludecmdline|advfirewall\s+firewall\s+add|vssadmin.*delete|set-mppreference\s.*-disable/i,
    weight: 3,
    reason: 'defence evasion',
  },
  {
    pattern:
      /\b(whoami|systeminfo|tasklist|nltest|quser|qwinsta)\b|\bnet1?(\.exe)?\s+(user|group|localgroup|view|session)|get-(netsession|domain|objectacl)/i,
    weight: 1,
    reason: 'discovery',
  },
  {
    pattern:
      /\b(mimikatz|rubeus|seatbelt|sharpview|sharpwmi|psexec\w*|procdump\w*|purplesharp|grunt\w*|herpaderping\w*|launcher|payload)\b/i,
    weight: 3,
    reason: 'offensive tool',
  },
  { pattern: /-w(indowstyle)?\s+(1|hidden)\b/i, weight: 1, reason: 'hidden window' },
  { pattern: /-exec(utionpolicy)?\s+bypass|-nop\b/i, weight: 1, reason: 'policy bypass' },
];

const SHELLS = /^(cmd|powershell|pwsh|wscript|cscript|mshta|rundll32|regsvr32)\.exe$/i;
const OFFICE = /^(winword|excel|powerpnt|outlook|msaccess|mspub|onenote)\.exe$/i;
const USER_WRITABLE =
  /\\users\\[^\\]+\\(downloads|desktop|documents|appdata)\\|\\programdata\\|\\windows\\temp\\|\\temp\\|\\public\\/i;

/** Suspicion of a process start: its command line, where its image lives, who started it. */
export function processSuspicion({
  name,
  imagePath,
  cmdline,
  parentName,
  parentImagePath,
}: {
  name?: string | undefined;
  imagePath?: string | undefined;
  cmdline?: string | undefined;
  parentName?: string | undefined;
  parentImagePath?: string | undefined;
}): Suspicion {
  const suspicion = textSuspicion(`${imagePath ?? name ?? ''} ${cmdline ?? ''}`);
  const add = (weight: number, reason: string) => {
    suspicion.score += weight;
    suspicion.reasons.push(reason);
  };

  if (name !== undefined && SHELLS.test(name) && parentName !== undefined) {
    if (OFFICE.test(parentName)) {
      add(4, `${parentName} started ${name}`);
    } else if (/^(wmiprvse|services|mmc)\.exe$/i.test(parentName)) {
      add(2, `${parentName} started ${name}`);
    }
  }
  if (imagePath !== undefined && USER_WRITABLE.test(imagePath)) {
    add(2, 'runs from a user-writable folder');
  }
  if (parentImagePath !== undefined && USER_WRITABLE.test(parentImagePath)) {
    add(2, 'started by a program in a user-writable folder');
  }
  return suspicion;
}

/** Suspicion of free text: a command line, a script block, a registry value. */
export function textSuspicion(text: string): Suspicion {
  const suspicion: Suspicion = { score: 0, reasons: [] };
  for (const rule of COMMAND_RULES) {
    if (rule.pattern.test(text)) {
      suspicion.score += rule.weight;
      suspicion.reasons.push(rule.reason);
    }
  }
  return suspicion;
}

/** Suspicion of a handle opened on another process: reading LSASS memory stands out. */
export function accessSuspicion({
  sourceName,
  targetName,
  accessRights,
}: {
  sourceName?: string | undefined;
  targetName?: string | undefined;
  accessRights?: string | undefined;
}): Suspicion {
  const readsMemory = /^0x(1010|1410|1438|143a|1fffff|1f3fff)$/i.test(accessRights ?? '');
  const benign = /^(svchost|csrss|wininit|services|lsm|msmpeng|wmiprvse)\.exe$/i;
  if (targetName?.toLowerCase() === 'lsass.exe' && readsMemory && !benign.test(sourceName ?? '')) {
    return { score: 4, reasons: ['opened LSASS memory'] };
  }
  return { score: 0, reasons: [] };
}
