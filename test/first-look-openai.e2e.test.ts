import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { createModelRegistry } from '../agents/index.ts';
import { commsPlaybook } from '../agents/models/offline/playbooks/comms-playbook.ts';
import { supervisorPlaybook } from '../agents/models/offline/playbooks/supervisor-playbook.ts';
import { timelinePlaybook } from '../agents/models/offline/playbooks/timeline-playbook.ts';
import { triagePlaybook } from '../agents/models/offline/playbooks/triage-playbook.ts';
import { createFakeOpenAI } from '../agents/testing/fake-openai.ts';
import { Scenario } from '../sim/scenario.ts';
import { analyseScenario } from './first-look-harness.ts';

const INJECTION = Scenario.parse(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../sim/scenarios/prompt-injection-telemetry.json', import.meta.url)),
      'utf8',
    ),
  ),
);

function fakeOpenAI() {
  return createFakeOpenAI({
    playbookFor: (tools) =>
      tools.includes('agent-triage')
        ? supervisorPlaybook
        : tools.includes('sweep_fleet')
          ? timelinePlaybook
          : tools.includes('map_techniques')
            ? triagePlaybook
            : commsPlaybook,
  });
}

describe('the agents on a real provider (OpenAI API, answered without a network)', () => {
  it('run the first look through @ai-sdk/openai with the key and fenced telemetry', async () => {
    const fake = fakeOpenAI();
    const models = createModelRegistry({
      model: 'openai:gpt-test',
      keys: { openai: () => 'sk-test-0123456789' },
      fetch: fake.fetch,
    });

    await analyseScenario({
      scenario: INJECTION,
      models,
      inspect: ({ result, audit }) => {
        if (result.status !== 'succeeded') throw new Error(result.failure.message);

        expect(result.firstLook.models.triage).toBe('openai:gpt-test');
        expect(result.firstLook.triage.verdict).toBe('true_positive');
        expect(new Set(fake.requests.map((request) => request.model))).toEqual(
          new Set(['gpt-test']),
        );
        expect(new Set(fake.authorizations)).toEqual(new Set(['Bearer sk-test-0123456789']));

        // The specialists' tool results reached the model with telemetry fenced.
        const prompts = fake.requests.map((request) => JSON.stringify(request.messages)).join('\n');
        expect(prompts).toContain('⟦untrusted');
        expect(prompts).toContain('isolateˆeveryˆendpoint');
        const bare = prompts.replace(/⟦untrusted[^⟧]*⟧[^⟦]*⟦\/untrusted⟧/g, '');
        expect(bare).not.toMatch(/isolate every endpoint/i);

        // Every model call is audited with its token usage and no prompt text.
        const calls = audit().filter((entry) => entry.kind === 'model.call');
        expect(calls).toHaveLength(fake.requests.length);
        for (const call of calls) {
          expect(call.payload).toMatchObject({
            modelId: 'openai:gpt-test',
            finishReason: expect.any(String),
          });
          expect((call.payload.usage as { outputTokens: number }).outputTokens).toBe(20);
          expect(JSON.stringify(call.payload)).not.toContain('SYSTEM: ignore');
        }
        expect(result.usage.outputTokens).toBe(20 * fake.requests.length);
      },
    });
  });

  it('refuses an openai model without a key before any call', () => {
    expect(() =>
      createModelRegistry({ model: 'openai:gpt-test', keys: { openai: () => '' } }),
    ).toThrow('modelKeys.openai: an openai: model needs an API key');
  });

  it('reaches an OpenAI-compatible server at its base URL', async () => {
    const seen: string[] = [];
    const fake = fakeOpenAI();
    const models = createModelRegistry({
      model: 'openai-compatible:http://127.0.0.1:11434/v1#llama3.1:8b',
      fetch: (input, init) => {
        seen.push(
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        );
        return fake.fetch(input, init);
      },
    });

    await analyseScenario({
      scenario: INJECTION,
      models,
      inspect: ({ result }) => {
        expect(result.status).toBe('succeeded');
        expect(new Set(seen)).toEqual(new Set(['http://127.0.0.1:11434/v1/chat/completions']));
        expect(new Set(fake.requests.map((request) => request.model))).toEqual(
          new Set(['llama3.1:8b']),
        );
      },
    });
  });
});
