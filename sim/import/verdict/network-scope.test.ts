import { describe, expect, it } from 'vitest';
import { isExternalDomain, isPublicIp } from './network-scope.ts';

describe('network scope', () => {
  it('tells public addresses from lab and reserved ones', () => {
    expect(isPublicIp('185.199.108.133')).toBe(true);
    expect(isPublicIp('::ffff:185.199.108.133')).toBe(true);
    expect(isPublicIp('2606:50c0:8000::154')).toBe(true);
    for (const ip of ['10.0.5.13', '172.18.39.5', '192.168.56.40', '127.0.0.1', '169.254.1.1']) {
      expect(isPublicIp(ip), ip).toBe(false);
    }
    for (const ip of ['100.64.0.1', '224.0.0.252', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', 'x']) {
      expect(isPublicIp(ip), ip).toBe(false);
    }
  });

  it('keeps internet names and drops lab, local and Windows platform names', () => {
    expect(isExternalDomain('raw.githubusercontent.com', ['theshire.local'])).toBe(true);
    expect(isExternalDomain('MORDORDC.theshire.local', ['theshire.local'])).toBe(false);
    expect(isExternalDomain('dc01.pandalab.com', ['pandalab.com'])).toBe(false);
    expect(isExternalDomain('wpad', [])).toBe(false);
    expect(isExternalDomain('ctldl.windowsupdate.com', [])).toBe(false);
    expect(isExternalDomain('10.0.0.1', [])).toBe(false);
  });
});
