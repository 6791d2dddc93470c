/**
 * Pulls the attacker's commands out of a metadata `adversary_view`: a console transcript
 * (Empire, Metasploit, Covenant, cmd, PowerShell) or, for Atomic Red Team recordings, a
 * bare list of commands. C2 console chatter (`usemodule`, `set`, `[*] ...` status lines,
 * tables, banners, command output) is dropped.
 */

/**
 * `process`: expected as a process command line. `script`: runs inside an interpreter
 * (PowerShell, mimikatz) and shows up in script logging or a child's command line.
 * `hint`: only its words are evidence (module names, option values, uploaded files).
 */
export type CommandKind = 'process' | 'script' | 'hint';

export interface AttackerCommand {
  text: string;
  kind: CommandKind;
  /** The transcript line it came from, trimmed. */
  line: string;
}

const EMPIRE = /^\(?Empire(?::[^)]*)?\)\s*>\s?(.*)$/i;
const METASPLOIT = /^msf\d*\s*(?:[a-z]+\([^)]*\)\s*)?>\s?(.*)$/i;
const METERPRETER = /^meterpreter\s*>\s?(.*)$/i;
const MIMIKATZ = /^mimikatz(?:\([^)]*\))?\s*#\s?(.*)$/i;
const COVENANT = /^\(([\w.-]+)\)\s*>\s?(.*)$/;
const KALI = /^└─[#$]\s?(.*)$/;
const CMD = /^[A-Za-z]:\\[^>]*>\s?(.*)$/;
const POWERSHELL = /^PS(?:\s+[A-Za-z]:\\[^>]*)?\s*>\s?(.*)$/;

const COVENANT_TASK =
  /^(ShellCmd|Shell|ShellRunAs|PowerShell|SharpWMI|SharpSC|Copy|Upload|Assembly|WMICommand|DCOMCommand|PowerShellRemotingCommand)\s+\/(.*)$/i;

/** Programs a bare command list starts with, beyond anything ending in `.exe`. */
const COMMAND_WORDS = new Set(
  (
    'at attrib auditpol bash bcdedit bitsadmin certutil cmd cmstp control copy cscript curl del ' +
    'dir dsquery echo esentutl expand findstr forfiles hh icacls installutil ipconfig klist ' +
    'makecab mimikatz mkdir move msbuild msiexec mshta net net1 netsh nltest nslookup ntdsutil ' +
    'odbcconf ping powershell procdump psexec psexec64 pwsh python python3 qwinsta quser reg ' +
    'regasm regsvcs regsvr32 route rubeus rundll32 sc schtasks seatbelt sharpview start ' +
    'systeminfo takeown taskkill tasklist type vssadmin wevtutil whoami wmic wscript xcopy'
  ).split(' '),
);

const CHATTER = [
  /^\[[*+!\-i?]\]/,
  /^[-=_~*#\s.]+$/,
  /=>/,
  /^(Process|Channel) \d+ created\.?$/i,
  /^Microsoft Windows \[Version/i,
  /^\(c\) (\d{4} )?Microsoft Corporation/i,
];

const EXECUTABLE = /\.(exe|com|bat|cmd|ps1|vbs|js|hta|msc|cpl)$/i;

function firstWord(text: string): string {
  const first = text.trim().split(/\s+/)[0] ?? '';
  const unquoted = first.replace(/^["'&]+|["']+$/g, '');
  return unquoted.split(/[\\/]/).pop()?.toLowerCase() ?? '';
}

function startsWithProgram(text: string): boolean {
  const word = firstWord(text);
  return EXECUTABLE.test(word) || COMMAND_WORDS.has(word.replace(/\.exe$/, ''));
}

function looksLikeCommand(text: string): boolean {
  const trimmed = text.trim();
  return (
    startsWithProgram(trimmed) ||
    /^[A-Z][a-z]+-[A-Z][A-Za-z]+(\s|$)/.test(trimmed) ||
    /^\$\w+(\s*=|\.)/.test(trimmed) ||
    /^(&|\.\\)/.test(trimmed)
  );
}

/** Shell input: a program is a process; cmdlets and `$variables` run inside PowerShell. */
function shellCommand(text: string, line: string): AttackerCommand | undefined {
  const command = text.replace(/^&\s*/, '').trim();
  if (command === '' || /^(exit|cls|cd( .*)?)$/i.test(command)) {
    return undefined;
  }
  return { text: command, kind: startsWithProgram(command) ? 'process' : 'script', line };
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\\\/g, '\\').replace(/\\"/g, '"');
}

/** `-f 'C:\\x.exe' -a 'args'` of meterpreter's `execute`. */
function meterpreterExecute(args: string): string | undefined {
  const option = (flag: string): string | undefined => {
    const match = new RegExp(`-${flag}\\s+(?:'([^']*)'|"([^"]*)"|(\\S+))`).exec(args);
    return match?.[1] ?? match?.[2] ?? match?.[3];
  };
  const file = option('f');
  if (file === undefined) {
    return undefined;
  }
  const command = [file.replace(/\\\\/g, '\\'), option('a')].filter(Boolean).join(' ');
  return command.trim();
}

function stripQuotes(text: string): string {
  return text
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .trim();
}

function fromMeterpreter(rest: string, line: string): AttackerCommand | undefined {
  const [verb = '', ...words] = rest.trim().split(/\s+/);
  const args = words.join(' ');
  switch (verb.toLowerCase()) {
    case 'execute': {
      const text = meterpreterExecute(args);
      return text === undefined ? undefined : { text, kind: 'process', line };
    }
    case 'powershell_execute':
      return shellCommand(stripQuotes(args), line);
    case 'kiwi_cmd':
      return { text: args, kind: 'script', line };
    case 'reg': {
      // `reg setval -k KEY -v NAME -t TYPE -d DATA`: the key and values are the evidence.
      const operands = args.replace(/^\w+\s+/, '').replace(/(^|\s)-[kvtd](?=\s)/g, ' ');
      return { text: operands.replace(/'/g, ' ').replace(/\s+/g, ' ').trim(), kind: 'hint', line };
    }
    case 'upload':
      return { text: args.replace(/'/g, ' ').trim(), kind: 'hint', line };
    default:
      return undefined;
  }
}

/** Empire options that wire the C2 up rather than say what runs on the endpoint. */
const PLUMBING_OPTIONS = new Set(['listener', 'agent', 'session', 'outfile', 'delay']);

function fromEmpire(rest: string, line: string): AttackerCommand | undefined {
  const shell = /^shell\s+(.+)$/i.exec(rest);
  if (shell?.[1] !== undefined) {
    return { text: shell[1].trim(), kind: 'process', line };
  }
  const option = /^set\s+(\w+)\s+(.+)$/i.exec(rest);
  if (option?.[1] !== undefined && option[2] !== undefined) {
    const name = option[1].toLowerCase();
    if (PLUMBING_OPTIONS.has(name)) {
      return undefined;
    }
    return { text: option[2].trim(), kind: name === 'command' ? 'script' : 'hint', line };
  }
  const module = /^usemodule\s+(\S+)/i.exec(rest);
  return module?.[1] === undefined
    ? undefined
    : { text: module[1].replace(/[/*_]+/g, ' ').trim(), kind: 'hint', line };
}

function fromCovenant(task: string, line: string): AttackerCommand | undefined {
  const match = COVENANT_TASK.exec(task.trim());
  if (match?.[1] === undefined) {
    return undefined;
  }
  const name = match[1].toLowerCase();
  const argument = /^\w+:"?(.*?)"?$/s.exec(match[2] ?? '')?.[1] ?? match[2] ?? '';
  const inner = unescapeQuoted(argument);
  if (name.startsWith('shell')) {
    return { text: inner, kind: 'process', line };
  }
  if (name === 'powershell') {
    return { text: inner, kind: 'script', line };
  }
  const wmiCommand = /command="(.*)"$/.exec(inner)?.[1];
  if (name === 'sharpwmi' && wmiCommand !== undefined) {
    return { text: wmiCommand, kind: 'process', line };
  }
  return { text: inner.replace(/[/="]+/g, ' ').trim(), kind: 'hint', line };
}

function fromPromptLine(line: string): AttackerCommand | undefined | null {
  let match = EMPIRE.exec(line);
  if (match !== null) {
    return fromEmpire((match[1] ?? '').trim(), line);
  }
  if (METASPLOIT.test(line)) {
    return undefined;
  }
  match = METERPRETER.exec(line);
  if (match !== null) {
    return fromMeterpreter(match[1] ?? '', line);
  }
  match = MIMIKATZ.exec(line);
  if (match !== null) {
    const text = (match[1] ?? '').trim();
    return text === '' || text === 'exit' ? undefined : { text, kind: 'script', line };
  }
  match = KALI.exec(line);
  if (match !== null) {
    const text = (match[1] ?? '').trim();
    return /^msfvenom\s/.test(text) ? { text, kind: 'hint', line } : undefined;
  }
  match = POWERSHELL.exec(line) ?? CMD.exec(line);
  if (match !== null) {
    return shellCommand(match[1] ?? '', line);
  }
  match = COVENANT.exec(line);
  if (match !== null) {
    return fromCovenant(match[2] ?? '', line);
  }
  // null: not a prompt line at all.
  return null;
}

/**
 * The attacker commands of a transcript, in order and without repeats. `extra` holds
 * further commands (the metadata's tool scripts), read like prompt-less lines.
 */
export function extractAttackerCommands(
  view: string | undefined,
  extra: readonly string[] = [],
): AttackerCommand[] {
  const lines = (view ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const hasPrompts = lines.some((line) => fromPromptLine(line) !== null);
  const commands: AttackerCommand[] = [];
  const add = (command: AttackerCommand | undefined) => {
    if (
      command !== undefined &&
      command.text !== '' &&
      !commands.some((known) => known.text === command.text && known.kind === command.kind)
    ) {
      commands.push(command);
    }
  };

  for (const line of lines) {
    const prompted = fromPromptLine(line);
    if (prompted !== null) {
      add(prompted);
      continue;
    }
    if (CHATTER.some((pattern) => pattern.test(line))) {
      continue;
    }
    // Covenant tasks appear without a prompt in some transcripts.
    const task = fromCovenant(line, line);
    if (task !== undefined) {
      add(task);
    } else if (!hasPrompts && looksLikeCommand(line)) {
      add(shellCommand(line, line));
    }
  }

  for (const script of extra) {
    for (const line of script.split(/\r?\n/).map((text) => text.trim())) {
      if (line === '' || /^https?:\/\//i.test(line)) {
        continue;
      }
      add(
        fromMeterpreter(line, line) ??
          (looksLikeCommand(line) ? shellCommand(line, line) : undefined),
      );
    }
  }
  return commands;
}
