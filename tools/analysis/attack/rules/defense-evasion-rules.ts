import type { Execution } from '../event-facts.ts';
import {
  ANY_EVENT,
  isSystemPath,
  isUserWritablePath,
  oneOf,
  REGISTRY_WRITES,
  registryNumber,
  SHELL_IMAGES,
  startedImage,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** Paths in a command line, so rules can ask where the file it names lives. */
const PATH_IN_COMMAND =
  /(?:[a-z]:\\|\\\\)[^"'<>|\s]+(?:\s(?!\/|-)[^"'<>|\s\\]+)*?\.[a-z0-9]{2,4}\b/g;

function pathsIn(exec: Execution): string[] {
  return exec.cmd.match(PATH_IN_COMMAND) ?? [];
}

function namesUserFile(exec: Execution, extension: RegExp): boolean {
  return pathsIn(exec).some((path) => extension.test(path) && isUserWritablePath(path));
}

/** Names of Windows binaries attackers borrow for their own programs. */
const SYSTEM_BINARY_NAMES = [
  'svchost.exe',
  'lsass.exe',
  'csrss.exe',
  'services.exe',
  'smss.exe',
  'wininit.exe',
  'winlogon.exe',
  'spoolsv.exe',
  'taskhostw.exe',
  'dllhost.exe',
  'conhost.exe',
  'rundll32.exe',
  'lsm.exe',
  'searchindexer.exe',
  'cmd.exe',
  'powershell.exe',
];

const EVENT_LOG_STOP = oneOf(
  /set-service\s+(-name\s+)?["']?eventlog["']?\s.*disabled/,
  /\bsc(\.exe)?["']?\s+config\s+eventlog\s.*disabled/,
  /stop-service\s+(-name\s+)?["']?eventlog\b/,
  /\bnet1?(\.exe)?\s+stop\s+eventlog\b/,
);

const NETSH_FIREWALL = oneOf(
  /\bnetsh(\.exe)?["']?\s+advfirewall\s+firewall\s+(add|set|delete)\b/,
  /\bnetsh(\.exe)?["']?\s+firewall\s+(add|set)\b/,
  /\bnetsh(\.exe)?["']?\s+advfirewall\s+set\s+\w+\s+state\s+off/,
);

const DEFENDER_OFF = oneOf(
  /set-mppreference\b.*-disable\w+\s+(\$true|1)/,
  /add-mppreference\b.*-exclusion/,
  /disableantispyware|disablerealtimemonitoring\s+(\$true|1)/,
);

export const DEFENSE_EVASION_RULES: readonly TechniqueRule[] = [
  {
    id: 'mshta-script-or-url',
    technique: 'T1218.005',
    title: 'mshta ran inline script, a remote URL or an HTA file',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['mshta.exe']);
      return exec !== undefined && /(javascript:|vbscript:|https?:\/\/|\.hta\b)/.test(exec.cmd);
    },
  },
  {
    id: 'regsvr32-scriptlet',
    technique: 'T1218.010',
    title: 'regsvr32 ran a COM scriptlet (scrobj.dll, /i: with a URL or .sct)',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        /\bregsvr32(\.exe)?["']?\s.*(\/i:\s*["']?(https?|ftp):|\.sct\b|scrobj\.dll)/,
      ),
  },
  {
    id: 'regsvr32-user-dll',
    technique: 'T1218.010',
    title: 'regsvr32 registered a DLL from a user-writable folder',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['regsvr32.exe']);
      return exec !== undefined && namesUserFile(exec, /\.(dll|ocx|tmp|dat)$/);
    },
  },
  {
    id: 'rundll32-unusual',
    technique: 'T1218.011',
    title: 'rundll32 ran script, a DLL from a user folder, or nothing at all',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['rundll32.exe']);
      if (exec === undefined || /comsvcs/.test(exec.cmd)) {
        return false;
      }
      const args = exec.cmd.replace(/^\s*"?[^"]*rundll32(\.exe)?"?/, '').trim();
      return (
        (exec.cmd !== '' && args === '') ||
        /javascript:|mshtml,\s*#?runhtmlapplication/.test(args) ||
        namesUserFile(exec, /\.(dll|ocx|tmp|dat|bin)$/)
      );
    },
  },
  {
    id: 'control-panel-item',
    technique: 'T1218.002',
    title: 'A Control Panel item (.cpl) from outside the system folders was run',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['control.exe', 'rundll32.exe']);
      return (
        exec !== undefined &&
        pathsIn(exec).some((path) => path.endsWith('.cpl') && !isSystemPath(path))
      );
    },
  },
  {
    id: 'compiled-html-help',
    technique: 'T1218.001',
    title: 'hh.exe opened a compiled help file from a user folder or started a shell',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        ((exec.image === 'hh.exe' && namesUserFile(exec, /\.chm$/)) ||
          (exec.parentImage === 'hh.exe' && SHELL_IMAGES.includes(exec.image)))
      );
    },
  },
  {
    id: 'cmstp-inf',
    technique: 'T1218.003',
    title: 'cmstp installed a connection profile from an INF file',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['cmstp.exe']);
      return exec !== undefined && /\.inf\b/.test(exec.cmd);
    },
  },
  {
    id: 'installutil-proxy',
    technique: 'T1218.004',
    title: 'InstallUtil ran an assembly from a user-writable folder',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['installutil.exe']);
      return exec !== undefined && namesUserFile(exec, /\.(dll|exe)$/);
    },
  },
  {
    id: 'regsvcs-regasm-proxy',
    technique: 'T1218.009',
    title: 'RegSvcs or RegAsm ran an assembly from a user-writable folder',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['regsvcs.exe', 'regasm.exe']);
      return exec !== undefined && namesUserFile(exec, /\.(dll|exe)$/);
    },
  },
  {
    id: 'msbuild-inline-task',
    technique: 'T1127.001',
    title: 'MSBuild built a project file from a user-writable folder',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['msbuild.exe']);
      return exec !== undefined && namesUserFile(exec, /\.(xml|csproj|proj|targets|txt)$/);
    },
  },
  {
    id: 'certutil-decode',
    technique: 'T1140',
    title: 'certutil decoded a file (-decode, -decodehex)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /\bcertutil(\.exe)?["']?\s.*-decode(hex)?\b/),
  },
  {
    id: 'password-archive-extraction',
    technique: 'T1140',
    title: 'A password-protected archive extracted by command',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\b(7z|7za|7zr|rar|unrar|winrar)(\.exe)?["']?\s+[ex]\b.*\s-p\S+/),
  },
  {
    id: 'event-log-cleared',
    technique: 'T1070.001',
    title: 'Windows event logs cleared (wevtutil cl, Clear-EventLog)',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        /\bwevtutil(\.exe)?["']?\s+(cl|clear-log)\b|\bclear-eventlog\b|\bremove-eventlog\b/,
      ),
  },
  {
    id: 'audit-policy-disabled',
    technique: 'T1562.002',
    title: 'Audit policy turned off or cleared with auditpol',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bauditpol(\.exe)?["']?\s.*(\/set\b.*:disable|\/clear\b|\/remove\b)/),
  },
  {
    id: 'event-log-service-disabled',
    technique: 'T1562.002',
    title: 'The Event Log service stopped or set to disabled',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) &&
        facts.registryPath.endsWith('\\services\\eventlog\\start') &&
        registryNumber(facts.registryValue) === 4) ||
      textMatches(facts, EVENT_LOG_STOP),
  },
  {
    id: 'minint-key-created',
    technique: 'T1562.002',
    title: 'The MiniNT key created, which makes Windows stop writing event logs',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) && /\\control\\minint$/.test(facts.registryPath)) ||
      textMatches(facts, /\\currentcontrolset\\control\\minint\b/),
  },
  {
    id: 'command-line-auditing-disabled',
    technique: 'T1562.002',
    title: 'Command-line capture in process-creation auditing turned off',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) &&
        facts.registryPath.endsWith('\\processcreationincludecmdline_enabled') &&
        registryNumber(facts.registryValue) === 0) ||
      textMatches(facts, /processcreationincludecmdline_enabled.{0,40}\/d\s+0\b/),
  },
  {
    id: 'firewall-modified',
    technique: 'T1562.004',
    title: 'Windows Firewall rules added, changed or the firewall turned off',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, NETSH_FIREWALL) ||
      textMatches(facts, /\bnew-netfirewallrule\b|set-netfirewallprofile\b.*-enabled\s+(false|0)/),
  },
  {
    id: 'defender-tampering',
    technique: 'T1562.001',
    title: 'Microsoft Defender protection turned off or exclusions added',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      textMatches(facts, DEFENDER_OFF) ||
      (REGISTRY_WRITES.includes(event.type) &&
        /\\windows defender\\(.*\\)?(disableantispyware|disablerealtimemonitoring)$/.test(
          facts.registryPath,
        ) &&
        registryNumber(facts.registryValue) === 1),
  },
  {
    id: 'amsi-bypass',
    technique: 'T1562.001',
    title: 'A script disables the Antimalware Scan Interface (AMSI)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /amsiutils|amsiinitfailed|amsiscanbuffer/),
  },
  {
    id: 'masquerading-system-name',
    technique: 'T1036.005',
    title: 'A program named like a Windows system binary running from elsewhere',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        exec.path !== '' &&
        SYSTEM_BINARY_NAMES.includes(exec.image) &&
        !isSystemPath(exec.path)
      );
    },
  },
  {
    id: 'registry-edit-tool',
    technique: 'T1112',
    title: 'The registry edited with reg.exe add, delete or import',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['reg.exe']);
      return exec !== undefined && /\s(add|delete|import)\s/.test(exec.cmd);
    },
  },
  {
    id: 'registry-edit-script',
    technique: 'T1112',
    title: 'A script edits the registry (Set-ItemProperty, New-ItemProperty on HKLM or HKCU)',
    confidence: 0.45,
    eventTypes: ['Command Script'],
    match: (_event, facts) =>
      /(set-itemproperty|new-itemproperty|remove-itemproperty)\b.{0,200}\b(hklm|hkcu):/.test(
        facts.script,
      ),
  },
  {
    id: 'rdp-enabled',
    technique: 'T1112',
    title: 'Remote Desktop enabled or its network-level authentication turned off in the registry',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) &&
        /\\terminal server\\(fdenytsconnections|winstations\\rdp-tcp\\userauthentication)$/.test(
          facts.registryPath,
        ) &&
        registryNumber(facts.registryValue) === 0) ||
      textMatches(facts, /(fdenytsconnections|userauthentication)\b.{0,40}(\/d\s+0|-value\s+0)\b/),
  },
  {
    id: 'hidden-file-attribute',
    technique: 'T1564.001',
    title: 'A file hidden with attrib +h or +s',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /\battrib(\.exe)?["']?\s.*\+[hs]\b/),
  },
];
