import { describe, expect, it } from 'vitest';

import { createModelRegistry } from './model-registry.ts';
import { OfflineModel } from './offline/offline-model.ts';

describe('createModelRegistry', () => {
  it('runs every agent offline by default, with nothing to fence', () => {
    const registry = createModelRegistry();
    const triage = registry.create('triage');

    expect(registry.describe()).toEqual({
      supervisor: 'offline',
      triage: 'offline',
      timeline: 'offline',
      comms: 'offline',
      reporter: 'offline',
      hunting: 'offline',
    });
    expect(triage.model).toBeInstanceOf(OfflineModel);
    expect(triage.fencePrompts).toBe(false);
  });

  it('gives one agent its own model and fences that model’s prompts', () => {
    const registry = createModelRegistry({
      agentModels: { triage: 'openai-compatible:http://127.0.0.1:8000/v1#qwen2.5' },
    });
    const triage = registry.create('triage');

    expect(registry.describe().triage).toBe('openai-compatible:http://127.0.0.1:8000/v1#qwen2.5');
    expect(registry.describe().timeline).toBe('offline');
    expect(triage.fencePrompts).toBe(true);
    expect(triage.model.modelId).toBe('qwen2.5');
    expect(triage.model.provider).toBe('openai-compatible.chat');
  });

  it('configures the hunting agent like every agent, outside the case run', () => {
    const registry = createModelRegistry({
      agentModels: { hunting: 'openai-compatible:http://127.0.0.1:8000/v1#hunter-7b' },
    });

    expect(registry.create('hunting').id).toBe(
      'openai-compatible:http://127.0.0.1:8000/v1#hunter-7b',
    );
    expect(registry.create('hunting').fencePrompts).toBe(true);
    expect(registry.describe().triage).toBe('offline');
  });

  it('reads the OpenAI key once, when the registry is built', () => {
    let reads = 0;
    createModelRegistry({
      model: 'openai:gpt-5-mini',
      keys: {
        openai: () => {
          reads += 1;
          return 'sk-test';
        },
      },
    });

    expect(reads).toBe(1);
  });

  it('never asks for an OpenAI key when no agent uses OpenAI', () => {
    expect(() =>
      createModelRegistry({
        keys: {
          openai: () => {
            throw new Error('should not be read');
          },
        },
      }),
    ).not.toThrow();
  });

  it('stops at a malformed per-agent model before any call', () => {
    expect(() => createModelRegistry({ agentModels: { comms: 'gpt-4' } })).toThrow(
      'agentModels.comms: unknown model provider',
    );
  });
});
