import { describe, expect, it } from 'vitest';
import { ipScopeOf, isPublicIp, parseIpv4, parseIpv6 } from './ip-address.ts';

describe('ipScopeOf', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.2.5', 'private'],
    ['100.64.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.10.1', 'link-local'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    ['198.51.100.7', 'public'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80:0:0:0:3816:b2ee:1b9b:324b', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:203.0.113.9', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['[2001:db8::1]', 'public'],
  ] as const)('puts %s in scope %s', (ip, scope) => {
    expect(ipScopeOf(ip)).toBe(scope);
  });

  it('says nothing about text that is not an address', () => {
    expect([
      ipScopeOf('256.1.1.1'),
      ipScopeOf('2.16.0'),
      ipScopeOf('host.example'),
      ipScopeOf('1::2::3'),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('parsers', () => {
  it('reads dotted IPv4 and expands IPv6', () => {
    expect(parseIpv4('192.0.2.1')).toBe(0xc0000201);
    expect(parseIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('calls only internet addresses public', () => {
    expect([isPublicIp('203.0.113.5'), isPublicIp('10.0.0.1')]).toEqual([true, false]);
  });
});
