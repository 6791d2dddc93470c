import { describe, expect, it } from 'vitest';
import { UNTRUSTED_PATHS, untrustedPathsOf } from './untrusted-paths.ts';

describe('untrustedPathsOf', () => {
  it('lists the attacker-controlled fields an event holds', () => {
    expect(
      untrustedPathsOf({
        endpoint: { name: 'WS-01' },
        process: { uid: 'U', name: 'cmd.exe', sha1: 'a'.repeat(40) },
        target: { dns: { request: 'x.example' }, network: { dstIp: '203.0.113.1' } },
      }),
    ).toEqual(['process.name', 'target.dns.request']);
  });

  it('knows command lines, file paths and script content are untrusted, hashes and ips not', () => {
    expect(UNTRUSTED_PATHS).toEqual(
      expect.arrayContaining(['process.cmdline', 'target.file.path', 'target.script.content']),
    );
    expect(UNTRUSTED_PATHS.filter((path) => /sha1|dstIp|uid/.test(path))).toEqual([]);
  });
});
