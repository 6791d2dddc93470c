import { describe, expect, it } from 'vitest';
import { THREAT_IDS } from '../../store/testing/small-scenario.ts';
import { BOB_TOKEN, createTestSimulator } from '../testing/test-simulator.ts';
import type { RealismOptionsInput } from './realism-options.ts';

const INIT_QUERY = {
  method: 'POST',
  body: {
    query: 'EventType = "Login"',
    fromDate: '2026-01-01T00:00:00Z',
    toDate: '2026-01-02T00:00:00Z',
  },
};

async function statuses(realism: RealismOptionsInput, count = 40): Promise<number[]> {
  const sim = createTestSimulator({ realism });
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await sim.call('/system/status');
    seen.push(response.status === 200 && response.json === null ? -200 : response.status);
  }
  return seen;
}

describe('rate limits', () => {
  it('answers 429 with Retry-After once the bucket of a token is empty', async () => {
    const sim = createTestSimulator({ realism: { rateLimits: true } });
    expect((await sim.call('/dv/init-query', INIT_QUERY)).status).toBe(200);

    const limited = await sim.call('/dv/init-query', INIT_QUERY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(limited.json).toEqual({
      errors: [
        {
          code: 4290010,
          title: 'Too Many Requests',
          detail: 'Rate limit exceeded, retry in 60 seconds',
        },
      ],
    });

    expect((await sim.call('/dv/init-query', { ...INIT_QUERY, token: BOB_TOKEN })).status).toBe(
      200,
    );
    sim.clock.advance(60_000);
    expect((await sim.call('/dv/init-query', INIT_QUERY)).status).toBe(200);
  });

  it('limits query-status to one call per second', async () => {
    const sim = createTestSimulator({ realism: { rateLimits: true } });
    const queryId = (await sim.call('/dv/init-query', INIT_QUERY)).json.data.queryId;
    const path = `/dv/query-status?queryId=${queryId}`;
    expect((await sim.call(path)).status).toBe(200);
    const limited = await sim.call(path);
    expect([limited.status, limited.headers.get('Retry-After')]).toEqual([429, '1']);
    sim.clock.advance(1_000);
    expect((await sim.call(path)).status).toBe(200);
  });

  it('uses custom rules when given', async () => {
    const sim = createTestSimulator({
      realism: { rateLimits: { rules: [{ prefix: '/system', rps: 0.1, burst: 2 }] } },
    });
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const response = await sim.call('/system/status');
      seen.push([response.status, response.headers.get('Retry-After')]);
    }
    expect(seen).toEqual([
      [200, null],
      [200, null],
      [429, '10'],
    ]);
  });

  it('is off by default', async () => {
    expect(new Set(await statuses({}, 20))).toEqual(new Set([200]));
  });
});

describe('injected faults', () => {
  it('repeats exactly for the same seed', async () => {
    const realism = { seed: 7, faults: { rate: 0.5 } };
    const first = await statuses(realism);
    expect(await statuses(realism)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500, 504, -200]));
    expect(await statuses({ seed: 8, faults: { rate: 0.5 } })).not.toEqual(first);
  });

  it('fires on every request at rate 1 and never at rate 0', async () => {
    expect(new Set(await statuses({ faults: { rate: 1, kinds: ['error'] } }, 10))).toEqual(
      new Set([500]),
    );
    expect(new Set(await statuses({ faults: { rate: 0 } }, 10))).toEqual(new Set([200]));
  });

  it('answers a 500 with the console error body', async () => {
    const sim = createTestSimulator({ realism: { faults: { rate: 1, kinds: ['error'] } } });
    const { status, json } = await sim.call('/threats');
    expect(status).toBe(500);
    expect(json).toEqual({
      errors: [{ code: 5000010, title: 'Internal Server Error', detail: 'Injected fault' }],
    });
  });

  it('gives up on a held response with a 504 after holdMs', async () => {
    const sim = createTestSimulator({
      realism: { faults: { rate: 1, kinds: ['timeout'], holdMs: 90_000 } },
    });
    const { status } = await sim.call('/threats');
    expect(status).toBe(504);
    expect(sim.clock.slept).toEqual([90_000]);
  });

  it('truncates the JSON of a malformed response but keeps the effect of the write', async () => {
    const sim = createTestSimulator({ realism: { faults: { rate: 1, kinds: ['malformed'] } } });
    const response = await sim.call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'kept' }, filter: { ids: [THREAT_IDS.powershell] } },
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"data":{"a');
    expect(() => JSON.parse(response.text)).toThrow();
    const notes = sim.store.db.prepare('SELECT text FROM threat_notes').all();
    expect(notes).toEqual([{ text: 'kept' }]);
  });

  it('only touches the listed paths', async () => {
    const sim = createTestSimulator({
      realism: { faults: { rate: 1, kinds: ['error'], paths: ['/threats'] } },
    });
    expect((await sim.call('/threats')).status).toBe(500);
    expect((await sim.call('/agents')).status).toBe(200);
  });
});

describe('latency', () => {
  it('delays each request by the fixed latency', async () => {
    const sim = createTestSimulator({ realism: { latencyMs: 250 } });
    await sim.call('/system/status');
    await sim.call('/agents');
    expect(sim.clock.slept).toEqual([250, 250]);
  });

  it('draws latencies from the range, the same for the same seed', async () => {
    const run = async () => {
      const sim = createTestSimulator({ realism: { seed: 3, latencyMs: { min: 10, max: 20 } } });
      for (let i = 0; i < 8; i++) await sim.call('/system/status');
      return sim.clock.slept;
    };
    const slept = await run();
    expect(slept).toHaveLength(8);
    expect(slept.every((ms) => ms >= 10 && ms <= 20)).toBe(true);
    expect(new Set(slept).size).toBeGreaterThan(1);
    expect(await run()).toEqual(slept);
  });
});
