import { describe, expect, it } from 'vitest';
import { evidenceEvent, spawn } from '../testing/evidence-builder.ts';
import { accessRightsOf, eventFactsOf } from './event-facts.ts';

describe('eventFactsOf', () => {
  it('describes a process creation as the start of the target, with its parent', () => {
    const facts = eventFactsOf(
      spawn({
        id: 'e1',
        parent: {
          name: 'WINWORD.EXE',
          imagePath: 'C:\\Office\\WINWORD.EXE',
          cmdline: 'winword /n',
        },
        child: {
          imagePath: 'C:\\Windows\\System32\\cmd.exe',
          cmdline: 'CMD /C Whoami',
          integrity: 'MEDIUM',
        },
      }),
    );

    expect(facts.exec).toEqual({
      image: 'cmd.exe',
      path: 'c:\\windows\\system32\\cmd.exe',
      cmd: 'cmd /c whoami',
      parentImage: 'winword.exe',
      parentPath: 'c:\\office\\winword.exe',
      parentCmd: 'winword /n',
      integrity: 'medium',
    });
    expect(facts.text).toBe('cmd /c whoami');
  });

  it('treats the first event of a process without a creation as seeing it start', () => {
    const event = evidenceEvent({
      id: 'e2',
      type: 'DNS Resolved',
      process: { name: 'rundll32.exe', cmdline: 'rundll32 x.dll,Run', parent: { name: 'cmd.exe' } },
    });

    expect(eventFactsOf(event).exec).toBeUndefined();
    expect(eventFactsOf(event, true).exec?.cmd).toBe('rundll32 x.dll,run');
    expect(eventFactsOf(event, true).exec?.parentImage).toBe('cmd.exe');
  });

  it('drops help blocks and comment lines from script text', () => {
    const facts = eventFactsOf(
      evidenceEvent({
        id: 'e3',
        type: 'Command Script',
        target: {
          script: {
            content: '<#\n.EXAMPLE\nInvoke-DcSync\n#>\n# Invoke-Mimikatz\nGet-Date # today',
          },
        },
      }),
    );

    expect(facts.script.trim()).toBe('get-date # today');
  });
});

describe('accessRightsOf', () => {
  it('reads hex and decimal rights', () => {
    expect(['0x1010', '0x1FFFFF', '4112', 'full', undefined].map(accessRightsOf)).toEqual([
      0x1010,
      0x1fffff,
      4112,
      undefined,
      undefined,
    ]);
  });
});
