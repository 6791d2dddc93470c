import { describe, expect, it } from 'vitest';
import { scoreRootCause } from './score-root-cause.ts';

describe('scoreRootCause', () => {
  it('matches the root-cause process uid in either case', () => {
    const truth = 'FA82EFD6A3E8611B';
    expect(scoreRootCause({ truth, predicted: 'fa82efd6a3e8611b' })).toBe(true);
    expect(scoreRootCause({ truth: 'FA82EFD6A3E8611B', predicted: 'CB03E40143C72D74' })).toBe(
      false,
    );
    expect(scoreRootCause({ truth: 'FA82EFD6A3E8611B', predicted: undefined })).toBe(false);
    expect(scoreRootCause({ truth: undefined, predicted: 'X' })).toBeNull();
  });
});
