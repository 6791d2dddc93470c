import { ModelConfigError } from './model-config-error.ts';

/**
 * Which model an agent runs on, written as one string:
 * - `offline`: the built-in deterministic, rule-driven model (the default; no network);
 * - `openai:<model>`: OpenAI's API, e.g. `openai:gpt-5-mini`;
 * - `openai-compatible:<baseURL>#<model>`: any server speaking the OpenAI chat API, e.g.
 *   `openai-compatible:http://127.0.0.1:11434/v1#llama3.1:8b` (Ollama), vLLM, LM Studio.
 */
export type ModelSpec =
  | { kind: 'offline'; text: 'offline' }
  | { kind: 'openai'; text: string; model: string }
  | { kind: 'openai-compatible'; text: string; baseURL: string; model: string };

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export const MODEL_SPEC_SYNTAX =
  'offline | openai:<model> | openai-compatible:<http(s) base URL>#<model>';

export function parseModelSpec(text: string, { key = 'model' }: { key?: string } = {}): ModelSpec {
  const fail = (why: string) =>
    new ModelConfigError({
      code: 'MODEL_SPEC_INVALID',
      key,
      message: `${why}; expected ${MODEL_SPEC_SYNTAX}, got ${JSON.stringify(text.slice(0, 200))}`,
    });
  const trimmed = text.trim();

  if (trimmed === 'offline') return { kind: 'offline', text: 'offline' };

  if (trimmed.startsWith('openai:')) {
    const model = trimmed.slice('openai:'.length);
    if (!MODEL_NAME.test(model)) throw fail('the OpenAI model name is missing or malformed');
    return { kind: 'openai', text: trimmed, model };
  }

  if (trimmed.startsWith('openai-compatible:')) {
    const rest = trimmed.slice('openai-compatible:'.length);
    const hash = rest.lastIndexOf('#');
    if (hash === -1) throw fail('an openai-compatible model needs "#<model>" after the base URL');
    const baseURL = rest.slice(0, hash);
    const model = rest.slice(hash + 1);
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      throw fail('the base URL is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw fail('the base URL must be http or https');
    }
    if (url.username !== '' || url.password !== '') {
      throw fail('put the key in modelKeys.openaiCompatible, not in the URL');
    }
    if (!MODEL_NAME.test(model)) throw fail('the model name is missing or malformed');
    return {
      kind: 'openai-compatible',
      text: trimmed,
      baseURL: baseURL.replace(/\/+$/, ''),
      model,
    };
  }

  throw fail('unknown model provider');
}
