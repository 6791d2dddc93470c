import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider-v7';

/**
 * An OpenAI chat-completions model, for OpenAI itself or any server speaking its API
 * (Ollama, vLLM, LM Studio). The key is handed over here and goes nowhere else.
 */
export function createOpenAIChatModel({
  model,
  apiKey,
  baseURL,
  name = 'openai',
  fetch,
}: {
  model: string;
  apiKey: string | undefined;
  baseURL?: string | undefined;
  name?: string;
  fetch?: typeof globalThis.fetch | undefined;
}): LanguageModelV4 {
  const provider = createOpenAI({
    // Local servers accept any key; the SDK insists on one.
    apiKey: apiKey ?? 'not-needed',
    ...(baseURL === undefined ? {} : { baseURL }),
    name,
    ...(fetch === undefined ? {} : { fetch }),
  });

  // @ai-sdk/openai is built on a newer @ai-sdk/provider than the one Mastra types its
  // models with; the shapes agree at run time, and this is the one place they meet.
  return provider.chat(model) as unknown as LanguageModelV4;
}
