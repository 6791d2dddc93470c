import { describe, expect, it } from 'vitest';

import { scoreTextCoverage, termStands } from './score-text-coverage.ts';

const facts = [
  {
    id: 'download',
    text: 'PowerShell fetched the payload',
    terms: ['powershell.exe|PowerShell', 'evil.example'],
  },
  { id: 'host', text: 'It ran on FIN-WS-042', terms: ['FIN-WS-042'] },
  { id: 'task', text: 'A scheduled task persists', terms: ['T1053.005|scheduled task'] },
  { id: 'c2', text: 'It beacons to 10.0.0.1', terms: ['10.0.0.1'] },
];

describe('scoreTextCoverage', () => {
  it('covers a fact when every key term stands in the text, defanged or not', () => {
    const text =
      'POWERSHELL downloaded hxxp://evil[.]example/p.bin on fin-ws-042;\n' +
      'it calls 10.0.0.12 and created a  Scheduled\nTask.';
    expect(scoreTextCoverage({ facts, text })).toEqual({
      facts: 4,
      covered: 3,
      share: 0.75,
      missed: ['c2'],
    });
  });

  it('is no data without facts or without a text, not 0', () => {
    expect(scoreTextCoverage({ facts: undefined, text: 'x' })).toBeNull();
    expect(scoreTextCoverage({ facts: [], text: 'x' })).toBeNull();
    expect(scoreTextCoverage({ facts, text: null })).toBeNull();
    expect(scoreTextCoverage({ facts, text: '' })?.share).toBe(0);
  });
});

describe('termStands', () => {
  it('finds whole terms only', () => {
    expect(termStands('t1059', 'uses t1059.001 here')).toBe(false);
    expect(termStands('t1059.001', 'uses t1059.001.')).toBe(true);
    expect(termStands('fin-ws-04', 'on fin-ws-042')).toBe(false);
    expect(termStands('evil.example', 'sub.evil.example')).toBe(false);
    expect(termStands('wupdsvc.exe', 'c:\\temp\\wupdsvc.exe')).toBe(true);
    expect(termStands('.pdf.lnk', 'brochure.pdf.lnk')).toBe(true);
  });
});
