import { generateText, type LanguageModel } from 'ai';

import type { ResolvedModel } from '../../agents/models/model-registry.ts';
import { parseModelSpec } from '../../agents/models/model-spec.ts';
import { createOpenAIChatModel } from '../../agents/models/openai-model.ts';

export interface HuntModelMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** A language model as the translator needs it: instructions and turns in, text out. */
export interface HuntModel {
  readonly id: string;
  complete(request: {
    system: string;
    messages: readonly HuntModelMessage[];
    signal?: AbortSignal | undefined;
  }): Promise<string>;
}

/** A hunt model over an AI SDK language model. */
export function createAiSdkHuntModel({
  id,
  model,
}: {
  id: string;
  model: LanguageModel | ResolvedModel['model'];
}): HuntModel {
  return {
    id,
    async complete({ system, messages, signal }) {
      const result = await generateText({
        // The registry types its models for Mastra; the AI SDK reads the same shape.
        model: model as LanguageModel,
        system,
        messages: messages.map((message) => ({ role: message.role, content: message.content })),
        ...(signal === undefined ? {} : { abortSignal: signal }),
      });
      return result.text;
    },
  };
}

/**
 * The hunt model a spec names (`openai:<model>` or `openai-compatible:<url>#<model>`),
 * built with the same provider wiring as the case agents. `offline` has no language model:
 * the offline translator is used instead, so it is refused here.
 */
export function huntModelFromSpec({
  spec,
  apiKey,
  fetch,
}: {
  spec: string;
  apiKey?: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}): HuntModel {
  const parsed = parseModelSpec(spec, { key: 'hunting model' });
  if (parsed.kind === 'offline') {
    throw new Error(
      'the offline hunt translator has no language model; use createOfflineTranslator',
    );
  }
  const model = createOpenAIChatModel({
    model: parsed.model,
    apiKey,
    ...(parsed.kind === 'openai-compatible'
      ? { baseURL: parsed.baseURL, name: 'openai-compatible' }
      : {}),
    fetch,
  });
  return createAiSdkHuntModel({ id: parsed.text, model });
}
