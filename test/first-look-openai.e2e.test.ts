import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import {
  type AnalyseCaseResult,
  checkCitations,
  createModelRegistry,
  FirstLook,
  modelRegistryFromConfig,
} from '../agents/index.ts';
import { commsPlaybook } from '../agents/models/offline/playbooks/comms-playbook.ts';
import { supervisorPlaybook } from '../agents/models/offline/playbooks/supervisor-playbook.ts';
import { timelinePlaybook } from '../agents/models/offline/playbooks/timeline-playbook.ts';
import { triagePlaybook } from '../agents/models/offline/playbooks/triage-playbook.ts';
import { createFakeOpenAI, type FakeOpenAI } from '../agents/testing/fake-openai.ts';
import { startFakeOpenAIServer } from '../agents/testing/fake-openai-server.ts';
import { Scenario } from '../sim/scenario.ts';
import { type AnalysedCase, analyseScenario } from './first-look-harness.ts';

const INJECTION = Scenario.parse(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../sim/scenarios/prompt-injection-telemetry.json', import.meta.url)),
      'utf8',
    ),
  ),
);

/** Which agent a request comes from, told by the tools it offers, and so its script. */
const playbookFor = (tools: readonly string[]) =>
  tools.includes('agent-triage')
    ? supervisorPlaybook
    : tools.includes('sweep_fleet')
      ? timelinePlaybook
      : tools.includes('map_techniques')
        ? triagePlaybook
        : commsPlaybook;

type Succeeded = Extract<AnalyseCaseResult, { status: 'succeeded' }>;

/**
 * What any real provider's run must show: the scripted verdict came back, every request
 * named the model and carried the key, telemetry reached the model fenced, and every model
 * call is in the audit trail with its token usage and no prompt text.
 */
function expectWiredThrough({
  firstLook,
  usage,
  audit,
  fake,
  modelId,
  model,
  bearer,
}: {
  firstLook: Succeeded['firstLook'];
  usage: Succeeded['usage'];
  audit: AnalysedCase['audit'];
  fake: Pick<FakeOpenAI, 'requests' | 'authorizations'>;
  modelId: string;
  model: string;
  bearer: string;
}): void {
  expect(firstLook.triage.verdict).toBe('true_positive');
  expect(new Set(fake.requests.map((request) => request.model))).toEqual(new Set([model]));
  expect(new Set(fake.authorizations)).toEqual(new Set([bearer]));

  const prompts = fake.requests.map((request) => JSON.stringify(request.messages)).join('\n');
  expect(prompts).toContain('⟦untrusted');
  expect(prompts).toContain('isolateˆeveryˆendpoint');
  const bare = prompts.replace(/⟦untrusted[^⟧]*⟧[^⟦]*⟦\/untrusted⟧/g, '');
  expect(bare).not.toMatch(/isolate every endpoint/i);

  const calls = audit().filter((entry) => entry.kind === 'model.call');
  expect(calls).toHaveLength(fake.requests.length);
  for (const call of calls) {
    expect(call.payload).toMatchObject({ modelId, finishReason: expect.any(String) });
    expect((call.payload.usage as { outputTokens: number }).outputTokens).toBe(20);
    expect(JSON.stringify(call.payload)).not.toContain('SYSTEM: ignore');
  }
  expect(usage.outputTokens).toBe(20 * fake.requests.length);
}

describe('the agents on a real provider (OpenAI API, answered without a network)', () => {
  // openai: always means api.openai.com, so this one is answered by an injected fetch.
  it('run the first look through @ai-sdk/openai with the key and fenced telemetry', async () => {
    const fake = createFakeOpenAI({ playbookFor });
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
        expectWiredThrough({
          firstLook: result.firstLook,
          usage: result.usage,
          audit,
          fake,
          modelId: 'openai:gpt-test',
          model: 'gpt-test',
          bearer: 'Bearer sk-test-0123456789',
        });
      },
    });
  });

  it('refuses an openai model without a key before any call', () => {
    expect(() =>
      createModelRegistry({ model: 'openai:gpt-test', keys: { openai: () => '' } }),
    ).toThrow('modelKeys.openai: an openai: model needs an API key');
  });

  it('runs the first look against an OpenAI-compatible server on loopback', async () => {
    const server = await startFakeOpenAIServer({ playbookFor });
    const spec = `openai-compatible:${server.baseURL}#llama3.1:8b`;
    try {
      // Wired as the CLI wires it: the key is a secret reference, and no fetch is injected,
      // so every model call crosses a real socket to the server.
      const models = modelRegistryFromConfig({
        config: {
          model: spec,
          agentModels: {},
          modelKeys: { openai: 'env:OPENAI_API_KEY', openaiCompatible: 'env:LOCAL_LLM_KEY' },
        },
        env: { LOCAL_LLM_KEY: 'sk-local-0123456789' },
      });

      await analyseScenario({
        scenario: INJECTION,
        models,
        inspect: ({ result, audit, stored }) => {
          if (result.status !== 'succeeded') throw new Error(result.failure.message);

          expect(server.hits.length).toBeGreaterThan(3);
          expect(new Set(server.hits)).toEqual(new Set(['POST /v1/chat/completions']));
          expect(result.firstLook.models.triage).toBe(spec);
          expectWiredThrough({
            firstLook: result.firstLook,
            usage: result.usage,
            audit,
            fake: server,
            modelId: spec,
            model: 'llama3.1:8b',
            bearer: 'Bearer sk-local-0123456789',
          });

          // Stored, and every citation points at an event the run fetched.
          const rows = stored();
          expect(rows.runs.map((run) => run.status)).toEqual(['succeeded']);
          expect(rows.findings).toHaveLength(1);
          expect(FirstLook.parse(JSON.parse(rows.findings[0]?.json ?? '{}'))).toEqual(
            result.firstLook,
          );
          const fetched = new Set(INJECTION.events.map((event) => String(event['event.id'])));
          const check = checkCitations(result.firstLook, fetched);
          expect(check.cited).toBeGreaterThan(0);
          expect(check.unresolved).toEqual([]);
        },
      });
    } finally {
      await server.close();
    }
  });
});
