import { describe, expect, it } from 'vitest';

import { checkPolicyTools } from './check-policy-tools.ts';
import { parsePolicy } from './parse-policy.ts';
import { PolicyFileError } from './policy-file-error.ts';

const TOOLS = [
  { name: 'get_threat', effect: 'read' as const },
  { name: 'disconnect_agents', effect: 'containment' as const },
];

describe('checkPolicyTools', () => {
  it('accepts rules that name served tools', () => {
    const policy = parsePolicy({
      text: 'version: 1\nrules:\n  - { tool: disconnect_agents, action: allow }',
      source: 'p',
    });

    expect(() => checkPolicyTools({ policy, source: 'p', tools: TOOLS })).not.toThrow();
  });

  it('refuses a rule naming an unknown tool and suggests the closest name', () => {
    const policy = parsePolicy({
      text: 'version: 1\nrules:\n  - { tool: disconect_agents, action: allow }',
      source: 'p',
    });

    let error: unknown;
    try {
      checkPolicyTools({ policy, source: 'acme.yaml', tools: TOOLS });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyFileError);
    expect((error as PolicyFileError).fault).toBe('config');
    expect((error as PolicyFileError).problems).toEqual([
      {
        path: 'rules[0].tool',
        message: 'no tool named "disconect_agents"; did you mean disconnect_agents?',
      },
    ]);
  });

  it('refuses a rule that holds a read', () => {
    const policy = parsePolicy({
      text: 'version: 1\nrules:\n  - { tool: get_threat, action: hold }',
      source: 'p',
    });

    expect(() => checkPolicyTools({ policy, source: 'acme.yaml', tools: TOOLS })).toThrow(
      'rules[0].action: "get_threat" only reads; a read can be allowed or denied, not held',
    );
  });
});
