import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import {
  createAuditTrail,
  createSecretRedactor,
  listAuditEntries,
  type ToolGate,
} from '../../policy/index.ts';
import { createEvidenceLedger } from '../evidence/evidence-ledger.ts';
import { createCaseRun } from '../run/case-run.ts';
import type { RunStepInput } from '../run/run-step.ts';
import { DEFAULT_NOTIFICATION_TEMPLATE } from '../templates/notification-template.ts';
import { AuditedModel } from './audited-model.ts';
import { OfflineModel } from './offline/offline-model.ts';

const PROMPT = [
  {
    role: 'user' as const,
    content: [{ type: 'text' as const, text: 'Case: SentinelOne threat 42.' }],
  },
];

function setUp(maxTokens: number) {
  const { db } = openDatabase({ path: ':memory:' });
  const clock = createManualClock();
  const audit = createAuditTrail({ db, clock, redactor: createSecretRedactor({}) });
  const steps: RunStepInput[] = [];
  const run = createCaseRun({
    tenantId: 'acme',
    caseId: '42',
    runId: 'run-1',
    clock,
    gate: {
      toolbox: () => ({ tools: [], call: async () => ({ status: 'unknown_tool' }) }),
    } as unknown as ToolGate,
    ledger: createEvidenceLedger(),
    template: DEFAULT_NOTIFICATION_TEMPLATE,
    facts: {},
    models: () => {
      throw new Error('not used');
    },
    recordStep: (step) => steps.push(step),
  });
  const model = new AuditedModel({
    inner: new OfflineModel({ agentId: 'timeline' }),
    label: 'offline',
    agentId: 'timeline',
    run,
    audit,
    fence: false,
    budget: { maxTokens },
  });
  return { db, run, model, steps };
}

describe('AuditedModel', () => {
  it('audits each call with model, prompt hash and usage, never the prompt', async () => {
    const { db, run, model } = setUp(100_000);

    await model.doGenerate({ prompt: PROMPT, tools: [] });
    const [entry] = listAuditEntries({ db, tenantId: 'acme', runId: 'run-1' });

    expect(entry).toMatchObject({ kind: 'model.call', caseId: '42', actor: 'timeline' });
    expect(entry?.payload).toMatchObject({
      modelId: 'offline',
      promptHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      finishReason: 'tool-calls',
    });
    expect(JSON.stringify(entry?.payload)).not.toContain('SentinelOne threat 42');
    expect(entry?.payload.usage).toEqual({
      inputTokens: run.usage.inputTokens,
      outputTokens: run.usage.outputTokens,
      totalTokens: run.usage.inputTokens + run.usage.outputTokens,
    });
  });

  it('fails the run once its token budget is spent, and refuses further calls', async () => {
    const { run, model, steps } = setUp(1_000);

    await model.doGenerate({ prompt: [...PROMPT, ...Array(400).fill(PROMPT[0])], tools: [] });

    expect(run.failure).toMatchObject({ stage: 'budget', code: 'TOKEN_BUDGET_EXCEEDED' });
    expect(steps.map((step) => `${step.kind} ${step.status}`)).toEqual(['budget failed']);
    expect(run.signal.aborted).toBe(true);
    await expect(model.doGenerate({ prompt: PROMPT, tools: [] })).rejects.toThrow(
      'the run has failed',
    );
  });
});
