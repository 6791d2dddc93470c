import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadPolicyFile, loadTenantPolicy } from './load-policy-file.ts';
import { DEFAULT_POLICY } from './policy-file.ts';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'casebook-policy-'));
}

describe('loadTenantPolicy', () => {
  it("loads the tenant's own file", () => {
    const directory = scratch();
    writeFileSync(join(directory, 'acme.yaml'), 'version: 1\nphase: observe\n');

    expect(loadTenantPolicy({ directory, tenantId: 'acme' })).toEqual({
      policy: { ...DEFAULT_POLICY, phase: 'observe', rules: [] },
      source: join(directory, 'acme.yaml'),
    });
  });

  it('falls back to the built-in default when the tenant has no file', () => {
    expect(loadTenantPolicy({ directory: scratch(), tenantId: 'acme' })).toEqual({
      policy: DEFAULT_POLICY,
      source: '(built-in default)',
    });
  });

  it('refuses two policy files for one tenant', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'acme.yaml'), 'version: 1\n');
    writeFileSync(join(directory, 'acme.json'), '{"version":1}');

    expect(() => loadTenantPolicy({ directory, tenantId: 'acme' })).toThrow(
      'tenant acme has more than one policy file',
    );
  });

  it('names the file and the key when the file is malformed', () => {
    const directory = scratch();
    const path = join(directory, 'acme.yaml');
    writeFileSync(
      path,
      'version: 1\nrules:\n' +
        '  - { tool: add_threat_note, action: allow, when: { severity: [urgent] } }',
    );

    expect(() => loadPolicyFile({ path })).toThrow(
      `invalid policy ${path}:\n  - rules[0].when.severity[0]:`,
    );
  });

  it('says when a named file cannot be read', () => {
    expect(() => loadPolicyFile({ path: join(scratch(), 'missing.yaml') })).toThrow(
      '(file): cannot read the file (ENOENT)',
    );
  });
});
