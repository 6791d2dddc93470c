import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ConfigError } from './config-error.ts';
import { loadConfig } from './load-config.ts';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'casebook-config-'));

describe('the model configuration', () => {
  it('runs every agent on the offline model unless told otherwise', () => {
    const config = loadConfig({ env: {}, cwd: emptyDir() });

    expect(config.model).toBe('offline');
    expect(config.agentModels).toEqual({});
    expect(config.modelKeys).toEqual({ openai: 'env:OPENAI_API_KEY' });
    expect(config.caseBudget).toEqual({
      maxTokens: 400_000,
      supervisorSteps: 10,
      specialistSteps: 20,
    });
  });

  it('takes the model from CASEBOOK_MODEL and per-agent models from the file', () => {
    const cwd = emptyDir();
    writeFileSync(
      join(cwd, 'casebook.config.yaml'),
      [
        'agentModels:',
        '  triage: openai-compatible:http://127.0.0.1:11434/v1#llama3.1:8b',
        'modelKeys:',
        '  openaiCompatible: file:/run/secrets/ollama',
      ].join('\n'),
    );

    const config = loadConfig({ env: { CASEBOOK_MODEL: 'openai:gpt-5-mini' }, cwd });

    expect(config.model).toBe('openai:gpt-5-mini');
    expect(config.agentModels).toEqual({
      triage: 'openai-compatible:http://127.0.0.1:11434/v1#llama3.1:8b',
    });
    expect(config.modelKeys).toEqual({
      openai: 'env:OPENAI_API_KEY',
      openaiCompatible: 'file:/run/secrets/ollama',
    });
  });

  it('names the key and its source for a model it cannot use', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { CASEBOOK_MODEL: 'gpt-4' }, cwd: emptyDir() });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      {
        key: 'model',
        source: 'CASEBOOK_MODEL',
        expected: 'offline, openai:<model> or openai-compatible:<http(s) base URL>#<model>',
        received: '"gpt-4"',
      },
    ]);
  });

  it('refuses an API key written where a secret reference belongs', () => {
    const cwd = emptyDir();
    writeFileSync(
      join(cwd, 'casebook.config.json'),
      JSON.stringify({ modelKeys: { openai: 'sk-live-123' } }),
    );

    expect(() => loadConfig({ env: {}, cwd })).toThrow(/modelKeys\.openai/);
  });
});
