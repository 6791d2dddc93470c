import { describe, expect, it } from 'vitest';
import { normaliseRecord } from './windows-record.ts';

const at = { part: 0, line: 7 };

describe('normaliseRecord', () => {
  it('keeps the flat OTRF shape and drops the rendered message', () => {
    const record = normaliseRecord(
      {
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        Hostname: 'WORKSTATION5',
        Image: 'C:\\Windows\\System32\\cmd.exe',
        Message: 'Process Create: ...',
      },
      at,
    );

    expect(record).toEqual({
      part: 0,
      line: 7,
      kind: 'sysmon',
      channel: 'Microsoft-Windows-Sysmon/Operational',
      eventId: 1,
      host: 'WORKSTATION5',
      fields: {
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        Hostname: 'WORKSTATION5',
        Image: 'C:\\Windows\\System32\\cmd.exe',
      },
      time: Number.NaN,
    });
  });

  it('folds lower-case channel names into one canonical channel', () => {
    const record = normaliseRecord({ Channel: 'security', EventID: 4624, Hostname: 'H' }, at);

    expect(record?.kind).toBe('security');
    expect(record?.channel).toBe('Security');
  });

  it('ignores the NXLog collector in `host` when the record names its endpoint', () => {
    const record = normaliseRecord(
      {
        Channel: 'Security',
        EventID: 5156,
        Hostname: 'WORKSTATION6.theshire.local',
        host: 'wec.internal.cloudapp.net',
        EventReceivedTime: '2020-09-19 21:18:13',
        SourceModuleType: 'im_msvistalog',
      },
      at,
    );

    expect(record?.host).toBe('WORKSTATION6.theshire.local');
  });

  it('flattens Winlogbeat records: log_name, event_id, computer_name, event_data', () => {
    const record = normaliseRecord(
      {
        log_name: 'Microsoft-Windows-Sysmon/Operational',
        event_id: 3,
        computer_name: 'HFDC01.shire.com',
        host: { name: 'WECserver' },
        beat: { name: 'WECserver' },
        event_data: { Image: 'C:\\Windows\\System32\\svchost.exe', Initiated: 'true' },
      },
      at,
    );

    expect(record?.kind).toBe('sysmon');
    expect(record?.eventId).toBe(3);
    expect(record?.host).toBe('HFDC01.shire.com');
    expect(record?.fields.Image).toBe('C:\\Windows\\System32\\svchost.exe');
    expect(record?.fields.event_data).toBeUndefined();
    expect(record?.fields.beat).toBeUndefined();
  });

  it('falls back to the collector name when nothing else names a host', () => {
    expect(
      normaliseRecord({ Channel: 'Security', EventID: 1, host: { name: 'WEC' } }, at)?.host,
    ).toBe('WEC');
    expect(normaliseRecord({ Channel: 'Security', EventID: 1 }, at)?.host).toBe('');
  });

  it('accepts an event id written as a string and marks unknown channels', () => {
    const record = normaliseRecord({ Channel: 'System', EventID: '7045', Hostname: 'H' }, at);

    expect(record?.eventId).toBe(7045);
    expect(record?.kind).toBe('other');
    expect(record?.channel).toBe('system');
  });

  it('returns undefined for a record without channel or event id', () => {
    expect(normaliseRecord({ EventID: 1, Hostname: 'H' }, at)).toBeUndefined();
    expect(normaliseRecord({ Channel: 'Security', Hostname: 'H' }, at)).toBeUndefined();
    expect(normaliseRecord({ Channel: 'Security', EventID: 'abc' }, at)).toBeUndefined();
  });
});
