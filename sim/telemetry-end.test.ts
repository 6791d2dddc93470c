import { describe, expect, it } from 'vitest';

import { telemetryEnd } from './telemetry-end.ts';

const at = (time: string) => ({ 'event.time': time });

describe('telemetryEnd', () => {
  it('is the minute after the newest event across scenarios', () => {
    const scenarios = [
      { events: [at('2020-09-20T10:00:05.000Z'), at('2020-09-20T10:14:30.250Z')] },
      { events: [at('2020-09-20T09:00:00.000Z')] },
    ];

    expect(new Date(telemetryEnd(scenarios as never) ?? 0).toISOString()).toBe(
      '2020-09-20T10:16:00.000Z',
    );
  });

  it('is undefined without events, and ignores times that do not parse', () => {
    expect(telemetryEnd([])).toBeUndefined();
    expect(telemetryEnd([{ events: [at('not a time')] }] as never)).toBeUndefined();
  });
});
