import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from './start-simulator.ts';
import { SMALL_SCENARIO_INPUT } from './store/testing/small-scenario.ts';

describe('startSimulator', () => {
  let running: RunningSimulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves the API over a real socket on a free port', async () => {
    running = await startSimulator({ scenarios: [SMALL_SCENARIO_INPUT] });
    const sim = running;
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(sim.loaded.map((result) => result.status)).toEqual(['loaded']);

    const headers = { Authorization: `ApiToken ${sim.token}` };
    const status = await fetch(`${sim.url}/web/api/v2.1/system/status`, { headers });
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ data: { health: 'ok' } });

    const threats = await fetch(`${sim.url}/web/api/v2.1/threats?limit=2`, { headers });
    const body = (await threats.json()) as { data: unknown[]; pagination: { totalItems: number } };
    expect(body.data).toHaveLength(2);
    expect(body.pagination.totalItems).toBe(3);

    const anonymous = await fetch(`${sim.url}/web/api/v2.1/threats`);
    expect(anonymous.status).toBe(401);
  });

  it('uses the token it is given', async () => {
    running = await startSimulator({ token: 'a-fixed-token-for-the-cli-0001' });
    const response = await fetch(`${running.url}/web/api/v2.1/system/status`, {
      headers: { Authorization: 'ApiToken a-fixed-token-for-the-cli-0001' },
    });
    expect(response.status).toBe(200);
  });

  it('sends a malformed body as a complete, truncated response', async () => {
    running = await startSimulator({ realism: { faults: { rate: 1, kinds: ['malformed'] } } });
    const response = await fetch(`${running.url}/web/api/v2.1/system/status`, {
      headers: { Authorization: `ApiToken ${running.token}` },
      signal: AbortSignal.timeout(2_000),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"data":{"he');
  });

  it('fails to start on a port that is taken', async () => {
    running = await startSimulator();
    await expect(startSimulator({ port: running.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('lets a client give up on a held response and still closes promptly', async () => {
    running = await startSimulator({
      realism: { faults: { rate: 1, kinds: ['timeout'], holdMs: 60_000, paths: ['/threats'] } },
    });
    const headers = { Authorization: `ApiToken ${running.token}` };
    await expect(
      fetch(`${running.url}/web/api/v2.1/threats`, { headers, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();

    const held = fetch(`${running.url}/web/api/v2.1/threats`, { headers }).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await running.close();
    running = undefined;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await held).toBe('closed');
  });
});
