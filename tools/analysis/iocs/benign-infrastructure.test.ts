import { describe, expect, it } from 'vitest';
import { benignDomainReason, benignIpReason, benignPathReason } from './benign-infrastructure.ts';

describe('benignDomainReason', () => {
  it.each([
    ['settings-win.data.microsoft.com', 'microsoft-domain'],
    ['ctldl.windowsupdate.com', 'microsoft-domain'],
    ['ocsp.digicert.com', 'certificate-check-domain'],
    ['crl3.digicert.com', 'certificate-check-domain'],
    ['FILESRV-02', 'local-name'],
    ['printer.local', 'local-name'],
    ['5.2.0.10.in-addr.arpa', 'local-name'],
  ] as const)('treats %s as %s', (domain, reason) => {
    expect(benignDomainReason(domain)).toBe(reason);
  });

  it('keeps look-alikes and other hosts of certificate vendors', () => {
    expect([
      benignDomainReason('microsoft.com.evil.example'),
      benignDomainReason('notmicrosoft.com'),
      benignDomainReason('www.digicert.com'),
      benignDomainReason('docs-invoice-portal.example'),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('benignIpReason', () => {
  it('filters addresses that are not on the internet', () => {
    expect([benignIpReason('10.0.0.1'), benignIpReason('::1'), benignIpReason('8.8.4.4')]).toEqual([
      'private-ip',
      'loopback-ip',
      undefined,
    ]);
  });
});

describe('benignPathReason', () => {
  it('filters well-known Windows binaries at their place and installed software', () => {
    expect([
      benignPathReason('C:\\Windows\\System32\\svchost.exe'),
      benignPathReason('\\Device\\HarddiskVolume2\\Windows\\System32\\lsass.exe'),
      benignPathReason('C:\\Windows\\explorer.exe'),
      benignPathReason('C:\\Program Files\\Veeam\\Backup\\veeam.exe'),
    ]).toEqual(['system-binary', 'system-binary', 'system-binary', 'installed-software']);
  });

  it('keeps unknown names in System32, system names elsewhere and loose drops', () => {
    expect([
      benignPathReason('C:\\Windows\\System32\\GruntHTTP2.exe'),
      benignPathReason('C:\\Users\\Public\\svchost.exe'),
      benignPathReason('C:\\Program Files\\procdump.exe'),
    ]).toEqual([undefined, undefined, undefined]);
  });
});
