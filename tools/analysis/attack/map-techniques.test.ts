import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import { openProcess, POWERSHELL, proc, script, system } from '../testing/rule-test-events.ts';
import { mapTechniques } from './map-techniques.ts';
import { TechniqueMapping } from './technique-mapping.ts';

describe('mapTechniques', () => {
  const dump = system(
    'rundll32.exe',
    'rundll32 C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\t\\d.bin full',
  );
  const read = openProcess(
    proc('C:\\Windows\\System32\\rundll32.exe'),
    'C:\\Windows\\System32\\lsass.exe',
    '0x1410',
  );
  const whoami = system('whoami.exe', 'whoami /all');

  it('names each technique with its rules, confidence and cited events, strongest first', () => {
    const mapping = mapTechniques({ events: [dump, read, whoami] });

    expect(
      mapping.techniques.map((t) => [t.id, t.name, t.confidence, t.ruleIds, t.eventIds]),
    ).toEqual([
      [
        'T1003.001',
        'LSASS Memory',
        0.99,
        ['lsass-memory-read', 'comsvcs-minidump'],
        [dump.id, read.id],
      ],
      ['T1218.011', 'Rundll32', 0.55, ['comsvcs-minidump-rundll32'], [dump.id]],
      ['T1033', 'System Owner/User Discovery', 0.5, ['whoami'], [whoami.id]],
    ]);
    expect(mapping.techniques[0]?.tactics).toEqual(['Credential Access']);
    expect(mapping.attackVersion).toBe('v18.1');
    expect(TechniqueMapping.safeParse(mapping).success).toBe(true);
  });

  it('leaves out techniques below the confidence asked for, and their hits', () => {
    const mapping = mapTechniques({ events: [dump, read, whoami], minConfidence: 0.6 });

    expect(mapping.techniques.map((t) => t.id)).toEqual(['T1003.001']);
    expect(mapping.hits.map((h) => h.ruleId)).toEqual(['lsass-memory-read', 'comsvcs-minidump']);
  });

  it('caps the cited event ids but counts them all', () => {
    const many = Array.from({ length: 4 }, () =>
      script('Invoke-Mimikatz -Command "sekurlsa::logonpasswords"', POWERSHELL()),
    );

    const [technique] = mapTechniques({ events: many, maxEventIds: 2 }).techniques;

    expect([technique?.count, technique?.eventIds.length]).toEqual([4, 2]);
  });

  it('finds nothing in a quiet case', () => {
    expect(mapTechniques({ events: [system('notepad.exe', 'notepad.exe')] }).techniques).toEqual(
      [],
    );
  });

  it('rejects a confidence above one', () => {
    expect(() => mapTechniques({ events: [], minConfidence: 2 })).toThrow(AnalysisError);
  });
});
