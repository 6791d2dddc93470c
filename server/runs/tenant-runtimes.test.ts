import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { policyDirectory } from '../../config/policy-directory.ts';
import { type ApiHarness, PHISHING_THREAT, startApiHarness } from '../testing/api-harness.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

async function askForNote() {
  const runtime = h.service.tenants.get('default');
  if (runtime === undefined) throw new Error('tenant default should have a runtime');
  return runtime.analysis.gate
    .toolbox({ caseId: PHISHING_THREAT, runId: 'run-policy', agentId: 'triage' })
    .call({
      tool: 'set_analyst_verdict',
      input: { threatIds: [PHISHING_THREAT], verdict: 'true_positive' },
      reason: 'it is',
    });
}

describe('tenant runtimes', () => {
  it('keep one runtime per tenant, and build a new one when its policy file changes', async () => {
    const first = h.service.tenants.get('default');
    expect(h.service.tenants.get('default')).toBe(first);
    expect((await askForNote()).status).toBe('held');

    const directory = policyDirectory(h.config);
    mkdirSync(directory, { recursive: true });
    const file = join(directory, 'default.yaml');
    writeFileSync(file, 'version: 1\nphase: observe\n');
    expect(h.service.tenants.get('default')).toBe(first);
    h.clock.advance(1_000);

    const second = h.service.tenants.get('default');
    expect(second).not.toBe(first);
    expect(await askForNote()).toMatchObject({ status: 'denied', basis: 'phase_observe' });

    rmSync(file);
    h.clock.advance(1_000);
    expect(h.service.tenants.get('default')).not.toBe(second);
    expect((await askForNote()).status).toBe('held');
  });

  it('fails a run whose tenant policy broke while it waited, and does not block its case', async () => {
    const directory = policyDirectory(h.config);
    mkdirSync(directory, { recursive: true });
    const file = join(directory, 'default.yaml');
    await h.service.queue.stop();
    const started = await h.request('POST', `/v1/cases/${PHISHING_THREAT}/runs`, {
      key: h.keys.analyst,
      body: {},
    });
    const { runId } = (await started.json()) as { runId: string };
    writeFileSync(file, 'version: 1\nphase: [not, a, phase\n');
    h.clock.advance(1_000);

    h.service.queue.start();
    await h.service.queue.idle();
    const run = (await (
      await h.request('GET', `/v1/runs/${runId}`, { key: h.keys.analyst })
    ).json()) as { status: string; failure: { code: string } | null };
    expect(run).toMatchObject({ status: 'failed', failure: { code: 'POLICY_INVALID' } });

    const refused = await h.request('POST', `/v1/cases/${PHISHING_THREAT}/runs`, {
      key: h.keys.analyst,
      body: {},
    });
    expect(refused.status).toBe(503);
    rmSync(file);
    h.clock.advance(1_000);
    const again = await h.request('POST', `/v1/cases/${PHISHING_THREAT}/runs`, {
      key: h.keys.analyst,
      body: {},
    });
    expect(again.status).toBe(202);
    await h.service.queue.idle();
  });
});
