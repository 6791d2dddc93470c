import { describe, expect, it } from 'vitest';
import { escapeLikePattern } from './escape-like-pattern.ts';

describe('escapeLikePattern', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLikePattern('C:\\50%_off')).toBe('C:\\\\50\\%\\_off');
  });

  it('leaves other text alone', () => {
    expect(escapeLikePattern('it\'s "quoted" [x]*?')).toBe('it\'s "quoted" [x]*?');
  });
});
