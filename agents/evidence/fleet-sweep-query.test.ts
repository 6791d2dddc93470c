import { describe, expect, it } from 'vitest';

import { compileS1ql } from '../../tools/s1ql/index.ts';
import { buildSweepQuery } from './fleet-sweep-query.ts';

describe('buildSweepQuery', () => {
  it('sweeps network and file indicators and the hosts the case reached in one valid query', () => {
    const sweep = buildSweepQuery({
      iocs: [
        { type: 'domain', value: 'sync-onedrive-cdn.example' },
        { type: 'ip', value: '198.51.100.23' },
        { type: 'url', value: 'https://sync-onedrive-cdn.example/u.ps1' },
        { type: 'path', value: 'C:\\Windows\\Temp\\svcupd.exe' },
      ],
      hosts: ['FILESRV-02'],
    });

    expect(sweep?.query).toBe(
      'DnsRequest In Anycase ("sync-onedrive-cdn.example") OR DstIP In ("198.51.100.23") OR ' +
        'SrcIP In ("198.51.100.23") OR ' +
        'Url In Anycase ("https://sync-onedrive-cdn.example/u.ps1") ' +
        'OR TgtFilePath In Anycase ("C:\\Windows\\Temp\\svcupd.exe") OR SrcProcImagePath In ' +
        'Anycase ("C:\\Windows\\Temp\\svcupd.exe") OR EndpointName In Anycase ("FILESRV-02")',
    );
    expect(compileS1ql(sweep?.query ?? '').ok).toBe(true);
    expect(sweep?.skipped).toEqual([]);
  });

  it('leaves out an indicator that could break out of its quoted string', () => {
    const sweep = buildSweepQuery({
      iocs: [
        { type: 'path', value: 'C:\\x") OR EndpointName Contains ("' },
        { type: 'domain', value: 'evil.example' },
      ],
      hosts: ['HOST"'],
    });

    expect(sweep?.query).toBe('DnsRequest In Anycase ("evil.example")');
    expect(sweep?.skipped).toEqual([
      {
        value: 'C:\\x") OR EndpointName Contains ("',
        reason: 'contains characters a query string cannot hold',
      },
    ]);
  });

  it('says hashes are not swept and returns nothing to run without sweepable values', () => {
    expect(
      buildSweepQuery({ iocs: [{ type: 'sha1', value: 'ab'.repeat(20) }], hosts: [] }),
    ).toBeNull();
  });
});

describe('buildSweepQuery over other endpoints', () => {
  it("leaves the case's own endpoints out of the sweep", () => {
    const sweep = buildSweepQuery({
      iocs: [{ type: 'ip', value: '203.0.113.77' }],
      hosts: [],
      exclude: ['FIN-WS-042'],
    });

    expect(sweep?.query).toBe(
      '(DstIP In ("203.0.113.77") OR SrcIP In ("203.0.113.77")) AND EndpointName Not In ' +
        'Anycase ("FIN-WS-042")',
    );
    expect(compileS1ql(sweep?.query ?? '').ok).toBe(true);
  });
});
