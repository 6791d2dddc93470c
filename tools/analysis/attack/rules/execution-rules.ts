import type { EventFacts, Execution } from '../event-facts.ts';
import {
  ANY_EVENT,
  invoked,
  isDropLocation,
  isSystemPath,
  isUserWritablePath,
  OFFICE_IMAGES,
  oneOf,
  POWERSHELL_IMAGES,
  SHELL_IMAGES,
  startedImage,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** `-e`, `-enc`, `-EncodedCommand` and every prefix PowerShell accepts, then a base64 blob. */
const ENCODED_ARGUMENT =
  /\s[-/]e(c|n|nc|nco|ncod|ncode|ncoded|ncodedc\w*)?\s+["']?[a-z0-9+/]{20,}={0,2}/;

function encodedPowerShell(facts: EventFacts): boolean {
  const exec = facts.exec;
  return (
    exec !== undefined &&
    (POWERSHELL_IMAGES.includes(exec.image) || /\b(powershell|pwsh)(\.exe)?\b/.test(exec.cmd)) &&
    ENCODED_ARGUMENT.test(exec.cmd)
  );
}

const STEALTHY_FLAGS = oneOf(
  /\s[-/](w(indowstyle)?\s+h(idden)?\b|nop(rofile)?\b)/,
  /\s[-/](exec(utionpolicy)?|ep)\s+bypass\b/,
  /\biex\b|invoke-expression|downloadstring|frombase64string/,
);

/** Parents that do not start PowerShell in ordinary use. */
const UNUSUAL_POWERSHELL_PARENTS = [
  ...OFFICE_IMAGES,
  'wscript.exe',
  'cscript.exe',
  'mshta.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'wmiprvse.exe',
  'fodhelper.exe',
  'computerdefaults.exe',
  'eventvwr.exe',
  'sdclt.exe',
  'msbuild.exe',
  'installutil.exe',
];

function unusualPowerShellParent(exec: Execution): boolean {
  return (
    UNUSUAL_POWERSHELL_PARENTS.includes(exec.parentImage) ||
    (exec.parentPath !== '' &&
      isDropLocation(exec.parentPath) &&
      !SHELL_IMAGES.includes(exec.parentImage))
  );
}

/** Script content only offensive tooling writes: in-memory loaders, AMSI tampering, stagers. */
const OFFENSIVE_SCRIPT = oneOf(
  /invoke-shellcode|invoke-reflectivepeinjection|getdelegateforfunctionpointer/,
  /virtualalloc(ex)?\b.*\bcreatethread/,
  /\(new-object\s+(system\.)?net\.webclient\)\.download(string|data)/,
  /\biex\s*\(\s*\(?new-object/,
  /system\.management\.automation\.utils['"]?\)\.["']?getfie`?ld/,
);

const SCRIPT_FILE = /["']?([a-z]:\\[^"'\s]+|\\\\[^"'\s]+|[^"'\s\\]+)\.(vbs|vbe|wsf|wsh)\b/;
const JS_FILE = /["']?([a-z]:\\[^"'\s]+|\\\\[^"'\s]+|[^"'\s\\]+)\.(js|jse)\b/;

/** Where people double-click files: a script started from these came from a user action. */
const USER_LAUNCHERS = [
  'explorer.exe',
  ...OFFICE_IMAGES,
  'outlook.exe',
  'msedge.exe',
  'chrome.exe',
];

function scriptHostRuns(exec: Execution | undefined, file: RegExp): boolean {
  if (exec === undefined || !['wscript.exe', 'cscript.exe'].includes(exec.image)) {
    return false;
  }
  const match = file.exec(exec.cmd);
  if (match === null) {
    return false;
  }
  const path = match[0].replace(/^["']/, '');
  return (
    !isSystemPath(path) && (isUserWritablePath(path) || USER_LAUNCHERS.includes(exec.parentImage))
  );
}

const OFFICE_CHILDREN = [
  ...SHELL_IMAGES,
  'wscript.exe',
  'cscript.exe',
  'mshta.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'certutil.exe',
  'bitsadmin.exe',
  'msiexec.exe',
  'schtasks.exe',
  'wmic.exe',
  'curl.exe',
  'hh.exe',
  'msbuild.exe',
];

function officeStartsTool(facts: EventFacts): boolean {
  const exec = facts.exec;
  return (
    exec !== undefined &&
    OFFICE_IMAGES.includes(exec.parentImage) &&
    (OFFICE_CHILDREN.includes(exec.image) || isUserWritablePath(exec.path))
  );
}

const DOUBLE_EXTENSION = new RegExp(
  '\\.(jpe?g|png|gif|bmp|pdf|docx?|xlsx?|pptx?|txt|rtf|zip|rar|mp[34])' +
    '\\.(exe|scr|com|pif|bat|cmd|vbs|js)$',
);

const RUN_FROM_DOWNLOAD = /\\(downloads|desktop|appdata\\local\\temp|temp|inetcache)\\/;
const EXECUTABLE = /\.(exe|scr|com|pif|bat|cmd)$/;

export const EXECUTION_RULES: readonly TechniqueRule[] = [
  {
    id: 'powershell-encoded-command',
    technique: 'T1027',
    title: 'PowerShell started with a base64-encoded command that hides what it runs',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => encodedPowerShell(facts),
  },
  {
    id: 'powershell-encoded-execution',
    technique: 'T1059.001',
    title: 'PowerShell ran an encoded command',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => encodedPowerShell(facts),
  },
  {
    id: 'powershell-stealthy-flags',
    technique: 'T1059.001',
    title: 'PowerShell started hidden, without profile, bypassing policy or evaluating strings',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, POWERSHELL_IMAGES);
      return exec !== undefined && STEALTHY_FLAGS.test(exec.cmd);
    },
  },
  {
    id: 'powershell-unusual-parent',
    technique: 'T1059.001',
    title: 'PowerShell started by a document, script host, proxy binary or dropped program',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, POWERSHELL_IMAGES);
      return exec !== undefined && unusualPowerShellParent(exec);
    },
  },
  {
    id: 'powershell-offensive-script',
    technique: 'T1059.001',
    title: 'PowerShell script content typical of offensive frameworks (loaders, stagers)',
    confidence: 0.65,
    eventTypes: ['Command Script'],
    match: (_event, facts) => OFFENSIVE_SCRIPT.test(facts.script),
  },
  {
    id: 'vbscript-execution',
    technique: 'T1059.005',
    title: 'A VBScript run by wscript or cscript from a user folder or a user action',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      scriptHostRuns(facts.exec, SCRIPT_FILE) ||
      (facts.exec !== undefined &&
        SHELL_IMAGES.includes(facts.exec.image) &&
        facts.exec.parentImage === 'wscript.exe'),
  },
  {
    id: 'jscript-execution',
    technique: 'T1059.007',
    title: 'A JScript file run by wscript or cscript from a user folder or a user action',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => scriptHostRuns(facts.exec, JS_FILE),
  },
  {
    id: 'shell-from-dropped-program',
    technique: 'T1059.003',
    title: 'cmd.exe started by a program running from a user-writable folder',
    confidence: 0.45,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = startedImage(facts, ['cmd.exe']);
      return (
        exec !== undefined &&
        exec.parentPath !== '' &&
        isDropLocation(exec.parentPath) &&
        !SHELL_IMAGES.includes(exec.parentImage)
      );
    },
  },
  {
    id: 'python-inline-or-server',
    technique: 'T1059.006',
    title: 'Python ran inline code or a built-in server module',
    confidence: 0.55,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        /^python(w|\d(\.\d+)?)?\.exe$|^python\d?$/.test(exec.image) &&
        /\s-(c\s|m\s+(http\.server|simplehttpserver|pty|smtpd|ftplib))/.test(exec.cmd)
      );
    },
  },
  {
    id: 'office-starts-tool',
    technique: 'T1204.002',
    title: 'An Office application started a shell, script host or download tool',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => officeStartsTool(facts),
  },
  {
    id: 'office-starts-tool-phishing',
    technique: 'T1566.001',
    title: 'A document opened in Office launched tooling, as a malicious attachment does',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => officeStartsTool(facts),
  },
  {
    id: 'user-runs-downloaded-program',
    technique: 'T1204.002',
    title: 'The user started a program from Downloads, the desktop or a temp folder',
    confidence: 0.5,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec?.parentImage === 'explorer.exe' &&
        RUN_FROM_DOWNLOAD.test(exec.path) &&
        EXECUTABLE.test(exec.path)
      );
    },
  },
  {
    id: 'shortcut-starts-hidden-shell',
    technique: 'T1204.002',
    title:
      'A file the user opened started a hidden or encoded shell (malicious shortcut or document)',
    confidence: 0.6,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec?.parentImage === 'explorer.exe' &&
        SHELL_IMAGES.includes(exec.image) &&
        (STEALTHY_FLAGS.test(exec.cmd) || ENCODED_ARGUMENT.test(exec.cmd))
      );
    },
  },
  {
    id: 'double-extension-program',
    technique: 'T1036.007',
    title: 'A program named like a document or picture (double extension)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => facts.exec !== undefined && DOUBLE_EXTENSION.test(facts.exec.image),
  },
  {
    id: 'wmi-process-create',
    technique: 'T1047',
    title: 'A process created through WMI (wmic process call create, Win32_Process.Create)',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bprocess\s+call\s+create\b/) ||
      textMatches(facts, /(invoke-wmimethod|invoke-cimmethod|\[wmiclass\]).{0,120}win32_process/) ||
      textMatches(facts, /win32_process["']?\)?\.create\(/),
  },
  {
    id: 'wmic-remote-node',
    technique: 'T1047',
    title: 'wmic run against another computer (/node:)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /\bwmic(\.exe)?["']?\s.*\/node:/),
  },
  {
    id: 'wmi-provider-starts-process',
    technique: 'T1047',
    title: 'The WMI provider host started a program, as remote WMI execution does',
    confidence: 0.65,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec?.parentImage === 'wmiprvse.exe' &&
        !['wmiprvse.exe', 'wmiadap.exe', 'werfault.exe', 'conhost.exe', 'mofcomp.exe'].includes(
          exec.image,
        )
      );
    },
  },
  {
    id: 'scripted-execution-invocation',
    technique: 'T1059.001',
    title: 'A script downloaded and evaluated code in one line (download cradle)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, invoked('invoke-expression', 'iex')) &&
      textMatches(facts, /download(string|data)|invoke-webrequest|\biwr\b|net\.webclient/),
  },
];
