import { afterEach, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../agents/models/model-registry.ts';
import { answer } from '../../agents/models/offline/playbook.ts';
import {
  type FakeOpenAIServer,
  startFakeOpenAIServer,
} from '../../agents/testing/fake-openai-server.ts';
import { huntTranslatorFromRegistry } from './hunt-translator-from-registry.ts';

let server: FakeOpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function translatorAnswering(answers: string[]) {
  let turn = 0;
  server = await startFakeOpenAIServer({
    playbookFor: () => () => answer(answers[Math.min(turn++, answers.length - 1)] ?? ''),
  });
  const registry = createModelRegistry({
    agentModels: { hunting: `openai-compatible:${server.baseURL}#hunter-7b` },
  });
  return huntTranslatorFromRegistry({ registry, maxRepairs: 3 });
}

const NOW = Date.parse('2025-05-12T09:00:00Z');

describe('the model-backed translator', () => {
  it('refuses an empty window before asking the model', async () => {
    let asked = 0;
    server = await startFakeOpenAIServer({
      playbookFor: () => () => {
        asked += 1;
        return answer('EventType = "Login"');
      },
    });
    const registry = createModelRegistry({
      agentModels: { hunting: `openai-compatible:${server.baseURL}#hunter-7b` },
    });
    const translator = huntTranslatorFromRegistry({ registry, maxRepairs: 3 });

    const result = await translator.translate({ text: 'logons in the last 0 hours', now: NOW });

    expect(result).toMatchObject({
      kind: 'refusal',
      reason: '"last 0 hours" is an empty time range; name a span that ends after it starts',
      repairs: 0,
    });
    expect(asked).toBe(0);
  });

  it('sends an invalid query back with the engine error and accepts the repair', async () => {
    const translator = await translatorAnswering([
      'EventTyp = "Process Creation" AND TgtProcName = "powershell.exe"',
      '```s1ql\nEventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe")\n```',
    ]);

    const result = await translator.translate({
      text: 'powershell starts in the last 2 hours',
      now: NOW,
    });

    expect(result.kind).toBe('query');
    if (result.kind !== 'query') return;
    expect(result.repairs).toBe(1);
    expect(result.checked.text).toBe(
      'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe")',
    );
    expect(result.window).toEqual({
      fromMs: NOW - 2 * 3_600_000,
      toMs: NOW,
      label: 'last 2 hours',
    });
    expect(translator.id).toBe(`openai-compatible:${server?.baseURL}#hunter-7b`);

    const second = JSON.stringify(server?.requests[1]?.messages);
    expect(second).toContain('That query is not valid S1QL 1.0: line 1, column 1');
    expect(second).toContain('EventTyp');
  });

  it('stops after the bounded number of repairs', async () => {
    const translator = await translatorAnswering(['TgtProcName ContainsCIS']);

    const result = await translator.translate({ text: 'powershell starts', now: NOW });

    expect(result).toMatchObject({ kind: 'refusal', repairs: 3 });
    expect(server?.requests).toHaveLength(4);
  });

  it('passes a model refusal on', async () => {
    const translator = await translatorAnswering(['REFUSE: isolating hosts is not a hunt']);

    const result = await translator.translate({ text: 'isolate every host', now: NOW });

    expect(result).toEqual({
      kind: 'refusal',
      reason: 'isolating hosts is not a hunt',
      suggestions: [],
      repairs: 0,
    });
  });
});
