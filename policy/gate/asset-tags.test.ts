import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { policyFrom } from '../testing/policy-harness.ts';
import { startSentinelOneHarness } from '../testing/sentinelone-harness.ts';

/** FIN-WS-042 of the built-in phishing case carries the console tag `finance`. */
const FINANCE_HOST = '158254194674290889';
const PHISHING_THREAT = '229149014525984882';

const POLICY = policyFrom(
  [
    'version: 1',
    'phase: automate',
    'rules:',
    '  - { tool: disconnect_agents, action: deny, when: { assetTags: { any: [finance] } } }',
    '  - { tool: add_threat_note, action: deny, when: { assetTags: { any: [finance] } } }',
    '  - { tool: disconnect_agents, action: allow }',
    '  - { tool: add_threat_note, action: allow }',
  ].join('\n'),
);

let h: Awaited<ReturnType<typeof startSentinelOneHarness>>;

beforeAll(async () => {
  const scenarios = await loadBuiltinScenarios();
  h = await startSentinelOneHarness({ policy: POLICY, scenarios });
});

afterAll(async () => {
  await h.close();
});

describe('asset tags in policy conditions', () => {
  it('denies isolating an endpoint the console tags finance, whatever the run knew', async () => {
    const result = await h.toolbox.call({
      tool: 'disconnect_agents',
      input: { agentIds: [FINANCE_HOST] },
      reason: 'contain it',
    });

    expect(result).toMatchObject({ status: 'denied', basis: 'rule' });
    const [call] = h.entries(['tool.call']).slice(-1);
    expect(call?.payload).toMatchObject({
      status: 'denied',
      preview: { endpoints: [{ id: FINANCE_HOST, tags: ['finance'] }] },
    });
  });

  it('reads the tags of the endpoint a threat write touches too', async () => {
    const result = await h.toolbox.call({
      tool: 'add_threat_note',
      input: { threatIds: [PHISHING_THREAT], text: 'noted' },
      reason: 'a note',
    });

    expect(result).toMatchObject({ status: 'denied', basis: 'rule' });
  });
});
