import { describe, expect, it } from 'vitest';
import { evidenceEvent } from '../testing/evidence-builder.ts';
import { eventFactsOf } from './event-facts.ts';
import {
  drivePath,
  isDropLocation,
  isOsComponent,
  isSystemPath,
  isUserWritablePath,
  registryNumber,
  runsCommand,
} from './rule-helpers.ts';

describe('paths', () => {
  it('reads every spelling Windows uses for a path', () => {
    expect([
      drivePath('\\??\\C:\\Windows\\system32\\conhost.exe'),
      drivePath('\\\\?\\C:\\Tools\\x.exe'),
      drivePath('\\Device\\HarddiskVolume2\\Windows\\System32\\svchost.exe'),
      drivePath('\\SystemRoot\\System32\\smss.exe'),
    ]).toEqual([
      'c:\\windows\\system32\\conhost.exe',
      'c:\\tools\\x.exe',
      'c:\\windows\\system32\\svchost.exe',
      'c:\\windows\\system32\\smss.exe',
    ]);
  });

  it('tells system, user-writable and drop locations apart', () => {
    const paths = [
      'C:\\Windows\\System32\\svchost.exe',
      'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18\\MsMpEng.exe',
      'C:\\Users\\ann\\AppData\\Local\\Temp\\u.exe',
      'C:\\Users\\ann\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe',
      'C:\\ProgramData\\u.exe',
      '\\\\fileserver\\share\\u.exe',
      'C:\\Program Files\\App\\app.exe',
    ];

    expect(
      paths.map((path) => [isSystemPath(path), isUserWritablePath(path), isDropLocation(path)]),
    ).toEqual([
      [true, false, false],
      [true, true, false],
      [false, true, true],
      [false, true, false],
      [false, true, true],
      [false, true, true],
      [false, false, false],
    ]);
  });
});

describe('isOsComponent', () => {
  it('trusts Windows binaries at their path but not the shells among them', () => {
    const svchost = evidenceEvent({
      id: '1',
      process: { name: 'svchost.exe', imagePath: 'C:\\Windows\\System32\\svchost.exe' },
    });
    const cmd = evidenceEvent({
      id: '2',
      process: { name: 'cmd.exe', imagePath: 'C:\\Windows\\System32\\cmd.exe' },
    });
    const fake = evidenceEvent({
      id: '3',
      process: { name: 'svchost.exe', imagePath: 'C:\\Users\\Public\\svchost.exe' },
    });

    expect([svchost, cmd, fake].map((event) => isOsComponent(eventFactsOf(event)))).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('registryNumber', () => {
  it('reads the forms Sysmon and the console write', () => {
    expect(['DWORD (0x00000004)', '0x1', '7', 'Binary Data', ''].map(registryNumber)).toEqual([
      4,
      1,
      7,
      undefined,
      undefined,
    ]);
  });
});

describe('runsCommand', () => {
  const runs = runsCommand('get-netsession');
  const script = (content: string) =>
    eventFactsOf(
      evidenceEvent({ id: 's', type: 'Command Script', target: { script: { content } } }),
    );

  it('counts a call in a short script or a module-logging invocation', () => {
    expect(runs(script('Get-NetSession -ComputerName dc01'))).toBe(true);
    expect(
      runs(script(`CommandInvocation(Get-NetSession): "Get-NetSession"\n${'x'.repeat(9000)}`)),
    ).toBe(true);
  });

  it('does not count a definition or a mention inside a loaded module', () => {
    expect(runs(script('function Get-NetSession { param($ComputerName) }'))).toBe(false);
    expect(runs(script(`${'# module\n'.repeat(10)}${'$a = 1;'.repeat(700)} Get-NetSession`))).toBe(
      false,
    );
  });
});
