import { describe, expect, it } from 'vitest';

import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import { CaseFacts, type CaseFactsInput } from '../case-facts.ts';
import type { ToolEffect } from '../tool-effect.ts';
import { AI_DRAFT_HEADER } from './ai-draft-note.ts';
import { evaluatePolicy } from './evaluate-policy.ts';
import { parsePolicy } from './parse-policy.ts';

const DRAFT = `${AI_DRAFT_HEADER}\nPowerShell downloaded stage2.exe.`;

const ONE_HOST: BlastRadius = {
  summary: 'isolates 1 endpoint',
  endpoints: [{ id: '1', computerName: 'WIN-1', networkStatus: 'connected', tags: [] }],
  threats: [],
  tickets: [],
};

function decide({
  yaml,
  tool,
  effect,
  facts = {},
  preview = effect === 'read' ? null : ONE_HOST,
  noteText = null,
}: {
  yaml: string;
  tool: string;
  effect: ToolEffect;
  facts?: CaseFactsInput;
  preview?: BlastRadius | null;
  noteText?: string | null;
}) {
  return evaluatePolicy({
    policy: parsePolicy({ text: yaml, source: 'test' }),
    tool: { name: tool, effect },
    caseId: '100',
    facts: CaseFacts.parse(facts),
    preview,
    noteText,
  });
}

const CONFIDENT = { confidence: 0.95, severity: 'critical', verdict: 'true_positive' } as const;

describe('evaluatePolicy', () => {
  it('denies a write tool that no rule names', () => {
    const decision = decide({
      yaml: 'version: 1\nphase: automate',
      tool: 'set_analyst_verdict',
      effect: 'write',
    });

    expect(decision).toEqual({
      outcome: 'deny',
      basis: 'no_rule',
      phase: 'automate',
      tool: 'set_analyst_verdict',
      effect: 'write',
      ruleIndex: null,
      approvalsRequired: 0,
      holdForMs: null,
      reason: 'no policy rule allows set_analyst_verdict; writes are denied by default',
    });
  });

  it('holds containment that no rule names, for two approvers by default', () => {
    const decision = decide({
      yaml: 'version: 1\nphase: automate',
      tool: 'disconnect_agents',
      effect: 'containment',
    });

    expect(decision).toMatchObject({
      outcome: 'hold',
      basis: 'containment_default',
      approvalsRequired: 2,
      holdForMs: 86_400_000,
    });
    expect(decision.reason).toBe(
      'containment is held for approval unless a rule names it; needs 2 distinct approvers',
    );
  });

  it('writes nothing in observe, even what a rule allows and even drafts', () => {
    const yaml = 'version: 1\nphase: observe\nrules:\n  - { tool: add_threat_note, action: allow }';

    expect(
      decide({ yaml, tool: 'add_threat_note', effect: 'write', noteText: DRAFT }),
    ).toMatchObject({
      outcome: 'deny',
      basis: 'phase_observe',
    });
    expect(decide({ yaml, tool: 'disconnect_agents', effect: 'containment' }).outcome).toBe('deny');
  });

  it('still allows reads in observe', () => {
    expect(
      decide({ yaml: 'version: 1\nphase: observe', tool: 'get_threat', effect: 'read' }),
    ).toMatchObject({
      outcome: 'allow',
      basis: 'read_tool',
    });
  });

  it('lets a rule deny a read', () => {
    const yaml = 'version: 1\nrules:\n  - { tool: run_deep_visibility_query, action: deny }';

    expect(decide({ yaml, tool: 'run_deep_visibility_query', effect: 'read' })).toMatchObject({
      outcome: 'deny',
      basis: 'rule',
      ruleIndex: 0,
    });
  });

  it('posts AI-draft notes in assist without any rule', () => {
    expect(
      decide({ yaml: 'version: 1', tool: 'add_threat_note', effect: 'write', noteText: DRAFT }),
    ).toMatchObject({
      outcome: 'allow',
      basis: 'assist_ai_draft',
      phase: 'assist',
    });
  });

  it('does not post a draft that carries a link, or a note without the header', () => {
    const yaml = 'version: 1\nrules:\n  - { tool: add_threat_note, action: hold }';
    const linked = `${DRAFT}\nSee http://198.51.100.7/collect`;

    expect(
      decide({ yaml, tool: 'add_threat_note', effect: 'write', noteText: linked }),
    ).toMatchObject({
      outcome: 'hold',
      basis: 'assist_hold',
      approvalsRequired: 1,
    });
    expect(
      decide({ yaml, tool: 'add_threat_note', effect: 'write', noteText: 'Closing as benign.' })
        .outcome,
    ).toBe('hold');
    expect(
      decide({ yaml: 'version: 1', tool: 'add_threat_note', effect: 'write', noteText: 'plain' })
        .basis,
    ).toBe('no_rule');
  });

  it('holds in assist what a rule allows, and denies what a rule denies', () => {
    const yaml = [
      'version: 1',
      'rules:',
      '  - { tool: set_incident_status, action: allow }',
      '  - { tool: add_threat_note, action: deny }',
    ].join('\n');

    expect(decide({ yaml, tool: 'set_incident_status', effect: 'write' })).toMatchObject({
      outcome: 'hold',
      basis: 'assist_hold',
      ruleIndex: 0,
    });
    expect(
      decide({ yaml, tool: 'add_threat_note', effect: 'write', noteText: DRAFT }),
    ).toMatchObject({
      outcome: 'deny',
      basis: 'rule',
      ruleIndex: 1,
    });
  });

  it('applies the first matching rule in automate, conditions and all', () => {
    const yaml = [
      'version: 1',
      'phase: automate',
      'rules:',
      '  - tool: disconnect_agents',
      '    action: deny',
      '    when: { assetTags: { any: [domain-controller] } }',
      '  - tool: disconnect_agents',
      '    action: allow',
      '    when:',
      '      classification: [ransomware]',
      '      confidence: { min: 0.9 }',
      '      severity: [critical, high]',
      '      verdict: [true_positive]',
      '      blastRadius: { maxEndpoints: 1 }',
      '  - tool: disconnect_agents',
      '    action: hold',
      '    approvers: 3',
      '    holdFor: 2h',
    ].join('\n');
    const base = { yaml, tool: 'disconnect_agents', effect: 'containment' as const };
    const ransomware = { ...CONFIDENT, classification: 'Ransomware' };

    expect(decide({ ...base, facts: ransomware })).toMatchObject({
      outcome: 'allow',
      ruleIndex: 1,
    });
    expect(
      decide({ ...base, facts: { ...ransomware, assetTags: ['domain-controller'] } }),
    ).toMatchObject({
      outcome: 'deny',
      ruleIndex: 0,
    });
    // People write console tags in any case; a deny rule must not fail open on one.
    expect(
      decide({ ...base, facts: { ...ransomware, assetTags: ['Domain-Controller'] } }),
    ).toMatchObject({ outcome: 'deny', ruleIndex: 0 });
    expect(decide({ ...base, facts: { ...ransomware, confidence: 0.6 } })).toMatchObject({
      outcome: 'hold',
      ruleIndex: 2,
      approvalsRequired: 3,
      holdForMs: 7_200_000,
    });
    const two = {
      ...ONE_HOST,
      endpoints: [
        ...ONE_HOST.endpoints,
        { id: '2', computerName: 'W2', networkStatus: null, tags: [] },
      ],
    };
    expect(decide({ ...base, facts: ransomware, preview: two }).ruleIndex).toBe(2);
  });

  it('does not match a condition on a fact casebook does not know yet', () => {
    const yaml =
      'version: 1\nphase: automate\nrules:\n' +
      '  - { tool: set_analyst_verdict, action: allow, when: { confidence: { min: 0 } } }';

    expect(decide({ yaml, tool: 'set_analyst_verdict', effect: 'write' }).basis).toBe('no_rule');
    expect(
      decide({ yaml, tool: 'set_analyst_verdict', effect: 'write', facts: { confidence: 0 } })
        .outcome,
    ).toBe('allow');
  });

  it('keeps a write to the case, its threat and its endpoints, when a rule says caseOnly', () => {
    const yaml = [
      'version: 1',
      'phase: automate',
      'rules:',
      '  - { tool: set_incident_status, action: allow, when: { blastRadius: { caseOnly: true } } }',
      '  - tool: disconnect_agents',
      '    action: allow',
      '    when: { blastRadius: { caseOnly: true, maxEndpoints: 1 } }',
    ].join('\n');
    const radius = (threats: string[], endpoints: string[]): BlastRadius => ({
      summary: 's',
      endpoints: endpoints.map((id) => ({ id, computerName: null, networkStatus: null, tags: [] })),
      threats: threats.map((id) => ({ id, threatName: null, agentId: null })),
      tickets: [],
    });
    const facts = { endpointIds: ['1'] };
    const status = (preview: BlastRadius) =>
      decide({ yaml, tool: 'set_incident_status', effect: 'write', preview, facts }).outcome;
    const isolate = (preview: BlastRadius) =>
      decide({ yaml, tool: 'disconnect_agents', effect: 'containment', preview, facts }).outcome;

    expect(status(radius(['100'], ['1']))).toBe('allow');
    expect(status(radius(['100', '200'], ['1']))).toBe('deny');
    expect(isolate(radius([], ['1']))).toBe('allow');
    expect(isolate(radius([], ['2']))).toBe('hold');
    expect(
      decide({ yaml, tool: 'disconnect_agents', effect: 'containment', preview: radius([], ['1']) })
        .outcome,
    ).toBe('hold');
  });

  it('posts drafts in automate when no rule decides notes', () => {
    expect(
      decide({
        yaml: 'version: 1\nphase: automate',
        tool: 'add_threat_note',
        effect: 'write',
        noteText: DRAFT,
      }).basis,
    ).toBe('assist_ai_draft');
  });

  it('uses the tenant defaults for approvers and expiry', () => {
    const yaml =
      'version: 1\ndefaults: { approvers: { write: 2, containment: 4 }, holdFor: 30m }\n' +
      'rules:\n  - { tool: set_analyst_verdict, action: hold }';

    expect(decide({ yaml, tool: 'set_analyst_verdict', effect: 'write' })).toMatchObject({
      approvalsRequired: 2,
      holdForMs: 1_800_000,
    });
    expect(
      decide({ yaml, tool: 'mitigate_threats', effect: 'containment' }).approvalsRequired,
    ).toBe(4);
  });
});
