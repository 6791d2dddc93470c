import type { LanguageModelV4 } from '@ai-sdk/provider-v7';

import { AgentId } from '../agent-id.ts';
import { ModelConfigError } from './model-config-error.ts';
import { type ModelSpec, parseModelSpec } from './model-spec.ts';
import { createOfflineModel } from './offline/offline-model.ts';
import { createOpenAIChatModel } from './openai-model.ts';

export interface ResolvedModel {
  /** The spec as configured, e.g. `offline`, `openai:gpt-5-mini`; recorded in the audit. */
  id: string;
  model: LanguageModelV4;
  /**
   * True for language models, which can be talked to: telemetry in their prompts is
   * fenced. The offline model reads tool results as data only and gets them as they are.
   */
  fencePrompts: boolean;
}

export interface ModelRegistry {
  create(agentId: AgentId): ResolvedModel;
  /** The model id of every agent, for the first look and the run record. */
  describe(): Record<AgentId, string>;
}

export interface ModelRegistryOptions {
  /** The default model for every agent (`offline` when absent). */
  model?: string | undefined;
  /** Per-agent overrides. */
  agentModels?: Partial<Record<AgentId, string>> | undefined;
  /** Keys, resolved from their secret references by the caller; never logged. */
  keys?: {
    openai?: (() => string) | undefined;
    openaiCompatible?: (() => string | undefined) | undefined;
  };
  /** For the real providers; tests answer like the OpenAI API without a network. */
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Resolves each agent's model from configuration. Every setting is checked here, before
 * any model call: a malformed model string or a missing key stops the run at once.
 */
export function createModelRegistry(options: ModelRegistryOptions = {}): ModelRegistry {
  const specs = new Map<AgentId, ModelSpec>();
  const fallback = parseModelSpec(options.model ?? 'offline', { key: 'model' });
  for (const agentId of AgentId.options) {
    const override = options.agentModels?.[agentId];
    specs.set(
      agentId,
      override === undefined
        ? fallback
        : parseModelSpec(override, { key: `agentModels.${agentId}` }),
    );
  }

  let openaiKey: string | undefined;
  if ([...specs.values()].some((spec) => spec.kind === 'openai')) {
    const read = options.keys?.openai;
    openaiKey = read?.();
    if (openaiKey === undefined || openaiKey === '') {
      throw new ModelConfigError({
        code: 'MODEL_KEY_MISSING',
        key: 'modelKeys.openai',
        message: 'an openai: model needs an API key (set OPENAI_API_KEY or modelKeys.openai)',
      });
    }
  }
  const compatibleKey = [...specs.values()].some((spec) => spec.kind === 'openai-compatible')
    ? options.keys?.openaiCompatible?.()
    : undefined;

  const specOf = (agentId: AgentId): ModelSpec => specs.get(agentId) ?? fallback;

  return {
    create(agentId) {
      const spec = specOf(agentId);
      switch (spec.kind) {
        case 'offline':
          return { id: spec.text, model: createOfflineModel(agentId), fencePrompts: false };
        case 'openai':
          return {
            id: spec.text,
            model: createOpenAIChatModel({
              model: spec.model,
              apiKey: openaiKey,
              fetch: options.fetch,
            }),
            fencePrompts: true,
          };
        case 'openai-compatible':
          return {
            id: spec.text,
            model: createOpenAIChatModel({
              model: spec.model,
              apiKey: compatibleKey,
              baseURL: spec.baseURL,
              name: 'openai-compatible',
              fetch: options.fetch,
            }),
            fencePrompts: true,
          };
      }
    },
    describe: () =>
      Object.fromEntries(AgentId.options.map((id) => [id, specOf(id).text])) as Record<
        AgentId,
        string
      >,
  };
}
