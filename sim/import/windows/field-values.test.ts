import { describe, expect, it } from 'vitest';
import {
  booleanOf,
  extensionOf,
  fileNameOf,
  guidOf,
  hashesOf,
  integrityLevelOf,
  pidOf,
  qualifiedUser,
  textOf,
} from './field-values.ts';

describe('field values', () => {
  it('reads the first usable text and treats "-" as absent', () => {
    expect(textOf({ A: '-', B: '  value ' }, 'A', 'B')).toBe('value');
    expect(textOf({ A: 42 }, 'A')).toBe('42');
    expect(textOf({ A: '' }, 'A')).toBeUndefined();
  });

  it('reads pids written as numbers, decimal strings or hex', () => {
    expect(pidOf({ P: 9260 }, 'P')).toBe(9260);
    expect(pidOf({ P: '9260' }, 'P')).toBe(9260);
    expect(pidOf({ P: '0x27b4' }, 'P')).toBe(10164);
    expect(pidOf({ P: 'n/a' }, 'P')).toBeUndefined();
  });

  it('reads booleans from strings and booleans', () => {
    expect(booleanOf({ I: 'true' }, 'I')).toBe(true);
    expect(booleanOf({ I: false }, 'I')).toBe(false);
    expect(booleanOf({ I: 'maybe' }, 'I')).toBeUndefined();
  });

  it('normalises GUID case and braces, and drops the all-zero GUID', () => {
    expect(guidOf({ G: '{905CC552-2045-5CC5-0000-00105B2A0100}' }, 'G')).toBe(
      '{905cc552-2045-5cc5-0000-00105b2a0100}',
    );
    expect(guidOf({ G: '905cc552-2045-5cc5-0000-00105b2a0100' }, 'G')).toBe(
      '{905cc552-2045-5cc5-0000-00105b2a0100}',
    );
    expect(guidOf({ G: '{00000000-0000-0000-0000-000000000000}' }, 'G')).toBeUndefined();
  });

  it('splits Sysmon hashes into lower-case digests and ignores IMPHASH', () => {
    const sha1 = 'A'.repeat(40);
    const md5 = 'B'.repeat(32);
    const sha256 = 'C'.repeat(64);

    expect(hashesOf(`SHA1=${sha1},MD5=${md5},SHA256=${sha256},IMPHASH=${'D'.repeat(32)}`)).toEqual({
      sha1: sha1.toLowerCase(),
      md5: md5.toLowerCase(),
      sha256: sha256.toLowerCase(),
    });
    expect(hashesOf('MD5=nothex')).toEqual({});
    expect(hashesOf(undefined)).toEqual({});
  });

  it('maps integrity levels and mandatory-label SIDs to the catalogue enum', () => {
    expect(integrityLevelOf('High')).toBe('HIGH');
    expect(integrityLevelOf('AppContainer')).toBe('LOW');
    expect(integrityLevelOf('System')).toBe('SYSTEM');
    expect(integrityLevelOf('S-1-16-12288')).toBe('HIGH');
    expect(integrityLevelOf('S-1-16-8192')).toBe('MEDIUM');
    expect(integrityLevelOf('Odd')).toBeUndefined();
  });

  it('takes file names and extensions from Windows paths', () => {
    expect(fileNameOf('C:\\Windows\\System32\\cmd.exe')).toBe('cmd.exe');
    expect(extensionOf('C:\\x\\Report.DOCM')).toBe('docm');
    expect(extensionOf('C:\\x\\README')).toBeUndefined();
  });

  it('qualifies a user with its domain unless it already is', () => {
    expect(qualifiedUser('LAB', 'alice')).toBe('LAB\\alice');
    expect(qualifiedUser('LAB', 'LAB\\alice')).toBe('LAB\\alice');
    expect(qualifiedUser(undefined, 'alice')).toBe('alice');
    expect(qualifiedUser('LAB', undefined)).toBeUndefined();
  });
});
