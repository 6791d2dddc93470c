import { describe, expect, it } from 'vitest';
import { moduleNote } from './notable-modules.ts';

describe('moduleNote', () => {
  it('explains loads that say something about intent', () => {
    expect([
      moduleNote('C:\\Windows\\System32\\dbghelp.dll', 'rundll32.exe'),
      moduleNote('C:\\Windows\\assembly\\System.Management.Automation.dll', 'rundll32.exe'),
      moduleNote('C:\\ProgramData\\test.dll', 'wmiprvse.exe'),
    ]).toEqual(['memory dump helper', 'PowerShell engine', 'loaded from a user-writable folder']);
  });

  it('stays quiet on ordinary loads and on engines in their own hosts', () => {
    expect([
      moduleNote('C:\\Windows\\System32\\kernel32.dll', 'cmd.exe'),
      moduleNote('C:\\Windows\\assembly\\System.Management.Automation.dll', 'powershell.exe'),
      moduleNote(
        'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18\\mpengine.dll',
        'msmpeng.exe',
      ),
    ]).toEqual([undefined, undefined, undefined]);
  });
});
