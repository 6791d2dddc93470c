import { describe, expect, it } from 'vitest';

import { ModelConfigError } from './model-config-error.ts';
import { parseModelSpec } from './model-spec.ts';

describe('parseModelSpec', () => {
  it('reads the offline model', () => {
    expect(parseModelSpec('offline')).toEqual({ kind: 'offline', text: 'offline' });
  });

  it('reads an OpenAI model', () => {
    expect(parseModelSpec('openai:gpt-5-mini')).toEqual({
      kind: 'openai',
      text: 'openai:gpt-5-mini',
      model: 'gpt-5-mini',
    });
  });

  it('reads an OpenAI-compatible server and model, model names with colons included', () => {
    expect(parseModelSpec('openai-compatible:http://127.0.0.1:11434/v1/#llama3.1:8b')).toEqual({
      kind: 'openai-compatible',
      text: 'openai-compatible:http://127.0.0.1:11434/v1/#llama3.1:8b',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
    });
  });

  it.each([
    ['anthropic:claude', 'unknown model provider'],
    ['openai:', 'the OpenAI model name is missing or malformed'],
    ['openai-compatible:http://127.0.0.1:8000/v1', 'an openai-compatible model needs "#<model>"'],
    ['openai-compatible:ftp://host/v1#m', 'the base URL must be http or https'],
    ['openai-compatible:http://user:pw@host/v1#m', 'put the key in modelKeys.openaiCompatible'],
    ['openai-compatible:not a url#m', 'the base URL is not a URL'],
  ])('rejects %s, naming the key and the syntax', (text, why) => {
    let caught: unknown;
    try {
      parseModelSpec(text, { key: 'agentModels.triage' });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ModelConfigError);
    expect((caught as ModelConfigError).code).toBe('MODEL_SPEC_INVALID');
    expect((caught as ModelConfigError).fault).toBe('config');
    expect((caught as Error).message).toContain(`agentModels.triage: ${why}`);
    expect((caught as Error).message).toContain('expected offline | openai:<model>');
  });
});
