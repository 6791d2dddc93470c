import { describe, expect, it } from 'vitest';

import { isPostableAiDraft } from '../../policy/index.ts';
import { defang } from './defang.ts';

describe('defang', () => {
  it('writes URLs, addresses and www names so nothing links', () => {
    expect(defang('get http://198.51.100.7/s.ps1 and https://www.evil.example/a')).toBe(
      'get hxxp://198[.]51[.]100[.]7/s.ps1 and hxxps://www[.]evil.example/a',
    );
  });

  it('defangs the domains it is given wherever they appear', () => {
    expect(
      defang('resolved Sync-OneDrive-CDN.example twice', {
        domains: ['sync-onedrive-cdn.example'],
      }),
    ).toBe('resolved Sync-OneDrive-CDN[.]example twice');
  });

  it('leaves file names alone', () => {
    expect(defang('C:\\Windows\\Temp\\svcupd.exe ran')).toBe('C:\\Windows\\Temp\\svcupd.exe ran');
  });

  it('turns a note with links into one policy may post', () => {
    const note =
      '[casebook AI draft: not reviewed by an analyst]\nPOST to http://198.51.100.7/collect';

    expect(isPostableAiDraft(note)).toBe(false);
    expect(isPostableAiDraft(defang(note))).toBe(true);
  });
});
