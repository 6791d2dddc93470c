import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider-v7';

import type { AgentId } from '../agent-id.ts';
import type { ModelRegistry } from '../models/model-registry.ts';
import { createOfflineModel } from '../models/offline/offline-model.ts';

/**
 * A model that behaves like another except for its answers, which `rewrite` may change
 * (the nth answer it gives, counting from 1): how tests make a model forge a citation or
 * break its schema, with everything else real.
 */
export function rewritingModel(
  inner: LanguageModelV4,
  rewrite: (text: string, answer: number) => string,
): LanguageModelV4 {
  let answers = 0;
  const generate = async (options: LanguageModelV4CallOptions) => {
    const result = await inner.doGenerate(options);
    const content = result.content.map((part) => {
      if (part.type !== 'text') return part;
      answers += 1;
      return { ...part, text: rewrite(part.text, answers) };
    });
    return { ...result, content };
  };

  return {
    specificationVersion: 'v4',
    provider: 'casebook-test',
    modelId: `rewritten-${inner.modelId}`,
    supportedUrls: {},
    doGenerate: generate,
    doStream: async (options) => {
      const result = await generate(options);
      const parts = result.content.flatMap((part): LanguageModelV4StreamPart[] =>
        part.type === 'text'
          ? [
              { type: 'text-start', id: 't' },
              { type: 'text-delta', id: 't', delta: part.text },
              { type: 'text-end', id: 't' },
            ]
          : part.type === 'tool-call'
            ? [part]
            : [],
      );
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            for (const part of parts) controller.enqueue(part);
            controller.enqueue({
              type: 'finish',
              finishReason: result.finishReason,
              usage: result.usage,
            });
            controller.close();
          },
        }),
      };
    },
  };
}

/** Offline models for every agent, except the ones given. */
export function registryWith(
  models: Partial<Record<AgentId, () => LanguageModelV4>>,
): ModelRegistry {
  const ids = ['supervisor', 'triage', 'timeline', 'comms', 'reporter'] as const;
  return {
    create: (agentId) => ({
      id: models[agentId] === undefined ? 'offline' : 'test-model',
      model: models[agentId]?.() ?? createOfflineModel(agentId),
      fencePrompts: false,
    }),
    describe: () =>
      Object.fromEntries(
        ids.map((id) => [id, models[id] === undefined ? 'offline' : 'test-model']),
      ) as Record<AgentId, string>,
  };
}
