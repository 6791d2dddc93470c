import { describe, expect, it } from 'vitest';

import { readAnalystNotes } from './read-analyst-notes.ts';

describe('readAnalystNotes', () => {
  it('reads the statement lines and leaves prose and malformed lines alone', () => {
    const said = readAnalystNotes([
      'Confirmed with the user.\nSeverity: High\nTechniques: T1059.001, T1105 and T1059.001',
      [
        'IOC: path C:\\Users\\a b\\x.exe',
        'IOC: colour blue',
        'Affected: FIN-WS-042; DC-01',
        'Root cause: fa82efd6a3e8611b',
        'Root cause: winword',
        'Fact: task | A task persists | T1053.005|scheduled task, FIN-WS-042',
        'Fact: Bad Id | text | term',
        'Severity: dire',
      ].join('\n'),
    ]);
    expect(said).toMatchObject({
      severity: 'high',
      techniques: ['T1059.001', 'T1105'],
      iocs: [{ type: 'path', value: 'C:\\Users\\a b\\x.exe' }],
      affectedEndpoints: ['FIN-WS-042', 'DC-01'],
      rootCauseProcessUid: 'FA82EFD6A3E8611B',
      facts: [
        { id: 'task', text: 'A task persists', terms: ['T1053.005|scheduled task', 'FIN-WS-042'] },
      ],
    });
    expect(said.text).toContain('Confirmed with the user.');
  });
});
