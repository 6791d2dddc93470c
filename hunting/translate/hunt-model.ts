import { generateText, type LanguageModel } from 'ai';

import type { ResolvedModel } from '../../agents/models/model-registry.ts';

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
