import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy.ts';
import { DEFAULT_POLICY } from './policy-file.ts';
import { PolicyFileError } from './policy-file-error.ts';

function problemsOf(text: string) {
  try {
    parsePolicy({ text, source: 'acme.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return (error as PolicyFileError).problems;
  }
  throw new Error('the policy parsed');
}

describe('parsePolicy', () => {
  it('reads a YAML policy with defaults filled in', () => {
    const policy = parsePolicy({
      source: 'acme.yaml',
      text: [
        'version: 1',
        'phase: automate',
        'rules:',
        '  - tool: disconnect_agents',
        '    action: allow',
        '    when:',
        '      confidence: { min: 0.9 }',
        '      severity: [critical]',
        '      blastRadius: { maxEndpoints: 1 }',
        '  - tool: mitigate_threats',
        '    action: hold',
        '    approvers: 3',
        '    holdFor: 4h',
      ].join('\n'),
    });

    expect(policy).toEqual({
      version: 1,
      phase: 'automate',
      defaults: { approvers: { write: 1, containment: 2 }, holdFor: 86_400_000 },
      rules: [
        {
          tool: 'disconnect_agents',
          action: 'allow',
          when: {
            confidence: { min: 0.9 },
            severity: ['critical'],
            blastRadius: { maxEndpoints: 1 },
          },
        },
        { tool: 'mitigate_threats', action: 'hold', approvers: 3, holdFor: 14_400_000 },
      ],
      redact: { keys: [], patterns: [] },
    });
  });

  it('reads the same policy from JSON', () => {
    const policy = parsePolicy({ source: 'acme.json', text: '{"version":1,"phase":"observe"}' });

    expect(policy.phase).toBe('observe');
    expect(policy.rules).toEqual([]);
  });

  it('names the path of a bad key inside a rule', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'rules:',
        '  - { tool: add_threat_note, action: allow }',
        '  - { tool: set_analyst_verdict, action: hold }',
        '  - tool: disconnect_agents',
        '    action: allow',
        '    when: { confidence: { min: 1.5 } }',
      ].join('\n'),
    );

    expect(problems).toEqual([
      { path: 'rules[2].when.confidence.min', message: 'Too big: expected number to be <=1' },
    ]);
  });

  it('reports every problem at once: unknown keys, bad enums, bad durations', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'phase: yolo',
        'defaults: { holdFor: forever }',
        'rules:',
        '  - { tool: add_threat_note, action: maybe, approver: 2 }',
      ].join('\n'),
    );

    expect(problems.map((problem) => problem.path)).toEqual([
      'phase',
      'defaults.holdFor',
      'rules[0].action',
      'rules[0].approver',
    ]);
    expect(problems[3]?.message).toBe('unknown key');
  });

  it('refuses a confidence range whose minimum exceeds its maximum', () => {
    const problems = problemsOf(
      [
        'version: 1',
        'rules:',
        '  - { tool: x_tool, action: allow, when: { confidence: { min: 0.9, max: 0.5 } } }',
      ].join('\n'),
    );

    expect(problems).toEqual([
      { path: 'rules[0].when.confidence.min', message: 'min must not exceed max' },
    ]);
  });

  it('refuses a redaction pattern that is not a regular expression', () => {
    const problems = problemsOf('version: 1\nredact: { patterns: ["(unclosed"] }');

    expect(problems).toEqual([
      { path: 'redact.patterns[0]', message: 'a valid regular expression' },
    ]);
  });

  it('says when the text is not YAML at all, or empty', () => {
    expect(problemsOf('version: 1\nrules: [\n')[0]?.message).toMatch(/^not valid YAML or JSON: /);
    expect(problemsOf('')).toEqual([{ path: '(file)', message: 'the file is empty' }]);
  });

  it('puts the file name in the error message', () => {
    expect(() => parsePolicy({ text: 'version: 2', source: 'acme.yaml' })).toThrow(
      'invalid policy acme.yaml:\n  - version: Invalid input: expected 1',
    );
  });

  it('ships a default that assists and holds the common writes', () => {
    expect(DEFAULT_POLICY.phase).toBe('assist');
    expect(DEFAULT_POLICY.rules.map((rule) => `${rule.tool}:${rule.action}`)).toEqual([
      'add_threat_note:hold',
      'set_analyst_verdict:hold',
      'set_incident_status:hold',
      'connect_agents:hold',
      'create_ticket:allow',
      'add_ticket_note:allow',
      'transition_ticket:hold',
    ]);
  });
});
