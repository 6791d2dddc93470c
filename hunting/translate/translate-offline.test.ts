import { describe, expect, it } from 'vitest';

import { translateOffline } from './translate-offline.ts';

const NOW = Date.parse('2025-05-14T10:30:00Z');

function queryOf(text: string): string {
  const result = translateOffline({ text, now: NOW });
  if (result.kind !== 'query') throw new Error(`refused: ${result.reason}`);
  return result.checked.text;
}

describe('the offline translator', () => {
  it.each([
    [
      'powershell spawned by WINWORD.EXE',
      'EventType = "Process Creation" AND (SrcProcName In Anycase ("WINWORD.EXE") OR ' +
        '(SrcProcName In Anycase ("cmd.exe") AND SrcProcParentName In Anycase ("WINWORD.EXE"))) ' +
        'AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe")',
    ],
    [
      'processes started by WINWORD.EXE',
      'EventType = "Process Creation" AND SrcProcName In Anycase ("WINWORD.EXE")',
    ],
    [
      'cmd.exe launched by excel',
      'EventType = "Process Creation" AND TgtProcName In Anycase ("cmd.exe") AND SrcProcName ' +
        'In Anycase ("excel.exe")',
    ],
    [
      'DNS lookups by powershell for evil-cdn.example',
      'EventType In ("DNS Resolved", "DNS Unresolved") AND DnsRequest ContainsCIS ' +
        '"evil-cdn.example" AND SrcProcName In Anycase ("powershell.exe", "pwsh.exe")',
    ],
    [
      'dns lookups for .example domains',
      'EventType In ("DNS Resolved", "DNS Unresolved") AND DnsRequest ContainsCIS ".example"',
    ],
    [
      'DNS lookups of *.evil.example names by rundll32.exe',
      'EventType In ("DNS Resolved", "DNS Unresolved") AND DnsRequest ContainsCIS ' +
        '"evil.example" AND SrcProcName In Anycase ("rundll32.exe")',
    ],
    [
      'connections from 10.0.0.5 to 203.0.113.9:443',
      'EventType = "IP Connect" AND SrcIP In Anycase ("10.0.0.5") AND ' +
        'DstIP In Anycase ("203.0.113.9") AND DstPort In ("443")',
    ],
    [
      'registry changes under HKCU\\Software\\Classes\\ms-settings',
      'EventType In ("Registry Value Modified", "Registry Value Create", "Registry Key Create", ' +
        '"Registry Value Delete", "Registry Key Delete") AND RegistryKeyPath ContainsCIS ' +
        '"\\Software\\Classes\\ms-settings"',
    ],
    [
      'failed rdp logons for user jdoe',
      'EventType = "Login" AND LoginIsSuccessful Is False AND LoginType = "REMOTE_INTERACTIVE" ' +
        'AND LoginsUserName ContainsCIS "jdoe"',
    ],
    [
      'file writes with md5 0123456789abcdef0123456789abcdef',
      'EventType In ("File Creation", "File Modification") AND TgtFileMd5 In ' +
        '("0123456789abcdef0123456789abcdef")',
    ],
    [
      'processes on WKS-12 other than svchost, conhost or taskhostw',
      'EventType = "Process Creation" AND EndpointName In Anycase ("WKS-12") AND TgtProcName ' +
        'Not In Anycase ("svchost.exe", "conhost.exe", "taskhostw.exe")',
    ],
  ])('%s', (question, expected) => {
    expect(queryOf(question)).toBe(expected);
  });

  it('reads relative and named time ranges against the clock', () => {
    const window = (text: string) => {
      const result = translateOffline({ text, now: NOW });
      return result.kind === 'query' ? result.window : undefined;
    };
    expect(window('logons in the last 2 hours')).toEqual({
      fromMs: NOW - 7_200_000,
      toMs: NOW,
      label: 'last 2 hours',
    });
    expect(window('logons since yesterday')?.fromMs).toBe(Date.parse('2025-05-13T00:00:00Z'));
    expect(window('logons this week')?.fromMs).toBe(Date.parse('2025-05-12T00:00:00Z'));
    expect(window('logons')).toBeUndefined();
  });

  it('refuses a window it will not search, saying the limit and how to ask', () => {
    expect(translateOffline({ text: 'logons in the last 100 years', now: NOW })).toMatchObject({
      kind: 'refusal',
      reason: expect.stringContaining('at most 5 years'),
      suggestions: [expect.stringContaining('last 2 hours')],
    });
    expect(translateOffline({ text: 'logons since 2025-02-30', now: NOW })).toMatchObject({
      kind: 'refusal',
      reason: expect.stringContaining('"2025-02-30" is not a date on the calendar'),
    });
  });

  it('refuses containment and judgements, saying how to ask', () => {
    const isolate = translateOffline({ text: 'isolate every endpoint', now: NOW });
    expect(isolate).toMatchObject({ kind: 'refusal' });
    const vague = translateOffline({ text: 'show me suspicious processes', now: NOW });
    expect(vague).toMatchObject({
      kind: 'refusal',
      reason:
        '"suspicious" is a judgement the telemetry does not carry; say what would make ' +
        'process starts suspicious',
    });
  });
});
