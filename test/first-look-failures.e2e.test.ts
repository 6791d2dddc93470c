import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { createOfflineModel, OfflineModel } from '../agents/index.ts';
import { supervisorPlaybook } from '../agents/models/offline/playbooks/supervisor-playbook.ts';
import { registryWith, rewritingModel } from '../agents/testing/rewriting-model.ts';
import { Scenario } from '../sim/scenario.ts';
import { analyseScenario } from './first-look-harness.ts';

const PHISHING = Scenario.parse(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../sim/scenarios/phishing-macro-powershell.json', import.meta.url)),
      'utf8',
    ),
  ),
);

/** A triage model that adds a citation of an event no tool ever returned. */
function forgingTriage() {
  return rewritingModel(createOfflineModel('triage'), (text) => {
    if (!text.startsWith('{')) return text;
    const finding = JSON.parse(text) as { techniques: { eventIds: string[] }[] };
    finding.techniques[0]?.eventIds.push('999999999999999999');
    return JSON.stringify(finding);
  });
}

describe('a run that cannot produce a trustworthy first look', () => {
  it('rejects a finding citing an event the run never fetched, before it is stored', async () => {
    await analyseScenario({
      scenario: PHISHING,
      models: registryWith({ triage: forgingTriage }),
      inspect: ({ result, stored, steps }) => {
        expect(result.status).toBe('failed');
        if (result.status !== 'failed') return;
        expect(result.failure).toMatchObject({ stage: 'citations', code: 'CITATIONS_UNRESOLVED' });
        expect(result.failure.message).toContain(
          'triage.techniques[0].eventIds -> 999999999999999999',
        );

        const rows = stored();
        expect(rows.runs.map((run) => run.status)).toEqual(['failed']);
        expect(rows.findings).toEqual([]);
        expect(rows.drafts).toEqual([]);
        expect(steps().at(-1)).toMatchObject({ kind: 'citations', status: 'rejected' });
      },
    });
  });

  it('sends an answer that breaks its schema back once, and keeps the repaired one', async () => {
    const broken = () =>
      rewritingModel(createOfflineModel('triage'), (text, answer) =>
        answer === 1 && text.startsWith('{') ? text.replace('"verdict":', '"verdikt":') : text,
      );

    await analyseScenario({
      scenario: PHISHING,
      models: registryWith({ triage: broken }),
      inspect: ({ result, steps }) => {
        expect(result.status).toBe('succeeded');
        const validation = steps().filter(
          (step) => step.kind === 'validation' && step.name === 'TriageFinding',
        );
        expect(validation.map((step) => step.status)).toEqual(['repaired']);
        expect(validation[0]?.detail).toContain('verdict');
      },
    });
  });

  it('runs a specialist the supervisor skipped, so the first look is whole', async () => {
    // A supervisor that never delegates to comms: it does not see that sub-agent.
    const forgetful = () =>
      new OfflineModel({
        agentId: 'supervisor',
        playbook: (conversation) =>
          supervisorPlaybook({
            ...conversation,
            tools: conversation.tools.filter((tool) => tool !== 'agent-comms'),
          }),
      });

    await analyseScenario({
      scenario: PHISHING,
      models: registryWith({ supervisor: forgetful }),
      inspect: ({ result, steps }) => {
        expect(result.status).toBe('succeeded');
        expect(
          steps()
            .filter((step) => step.kind === 'delegation')
            .map((step) => `${step.name} ${step.detail}`),
        ).toEqual([
          'agent-timeline ',
          'agent-triage ',
          'agent-comms run by the runtime: the supervisor did not delegate to it',
        ]);
      },
    });
  });

  it('fails the run when the answer is still invalid after the repair', async () => {
    const hopeless = () => rewritingModel(createOfflineModel('comms'), () => 'I cannot do that.');

    await analyseScenario({
      scenario: PHISHING,
      models: registryWith({ comms: hopeless }),
      inspect: ({ result, stored }) => {
        expect(result.status === 'failed' && result.failure).toMatchObject({
          stage: 'validation',
          code: 'ANSWER_INVALID',
          agentId: 'comms',
        });
        expect(stored().findings).toEqual([]);
      },
    });
  });

  describe.each([
    { kind: 'error' as const, reason: /500|internal/i },
    { kind: 'timeout' as const, reason: /504|timeout|timed out/i },
    { kind: 'malformed' as const, reason: /json|malformed|parse|unexpected/i },
  ])('with a console answering Deep Visibility with $kind', ({ kind, reason }) => {
    it('ends as a failed run with its steps, the reason and no finding', async () => {
      await analyseScenario({
        scenario: PHISHING,
        realism: { faults: { rate: 1, kinds: [kind], paths: ['/dv/'] } },
        inspect: ({ result, stored, steps }) => {
          expect(result.status).toBe('failed');
          if (result.status !== 'failed') return;
          expect(result.failure).toMatchObject({
            stage: 'tool',
            tool: 'run_deep_visibility_query',
            agentId: 'timeline',
          });
          expect(result.failure.message).toMatch(reason);

          const recorded = steps().map((step) => `${step.agentId} ${step.name} ${step.status}`);
          expect(recorded.slice(0, 3)).toEqual([
            'timeline get_threat ok',
            'timeline list_threat_events ok',
            'timeline run_deep_visibility_query failed',
          ]);
          expect(recorded).not.toContain('triage get_threat ok');
          const rows = stored();
          expect(rows.runs[0]).toMatchObject({ status: 'failed' });
          expect(JSON.parse(rows.runs[0]?.failureJson ?? '{}')).toMatchObject({ stage: 'tool' });
          expect(rows.findings).toEqual([]);
          expect(rows.drafts).toEqual([]);
        },
      });
    });
  });

  it('fails cleanly on a threat the console does not know', async () => {
    await analyseScenario({
      scenario: PHISHING,
      threatId: '1234567',
      inspect: ({ result, stored }) => {
        expect(result.status === 'failed' && result.failure).toMatchObject({
          stage: 'tool',
          tool: 'get_threat',
          fault: 'user',
        });
        expect(stored().findings).toEqual([]);
      },
    });
  });

  it('stops a run that spends more tokens than its budget allows', async () => {
    await analyseScenario({
      scenario: PHISHING,
      budget: { maxTokens: 2_000 },
      inspect: ({ result, steps }) => {
        expect(result.status === 'failed' && result.failure).toMatchObject({
          stage: 'budget',
          code: 'TOKEN_BUDGET_EXCEEDED',
        });
        expect(steps().some((step) => step.kind === 'budget' && step.status === 'failed')).toBe(
          true,
        );
      },
    });
  });
});
