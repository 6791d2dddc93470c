import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadNotificationTemplate } from './load-notification-template.ts';
import { DEFAULT_NOTIFICATION_TEMPLATE } from './notification-template.ts';
import { TemplateFileError } from './template-file-error.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'casebook-templates-'));

describe('loadNotificationTemplate', () => {
  it('gives a tenant without a file the default template', () => {
    expect(loadNotificationTemplate({ directory: folder(), tenantId: 'acme' })).toEqual({
      template: DEFAULT_NOTIFICATION_TEMPLATE,
      source: '(default)',
    });
  });

  it("reads a tenant's YAML template and fills in the rest", () => {
    const directory = folder();
    writeFileSync(
      join(directory, 'acme.yaml'),
      [
        'id: acme-plain',
        'tone: plain',
        'sections:',
        '  - { part: summary, heading: In short }',
      ].join('\n'),
    );

    const { template } = loadNotificationTemplate({ directory, tenantId: 'acme' });

    expect(template).toMatchObject({
      id: 'acme-plain',
      tone: 'plain',
      sections: [{ part: 'summary', heading: 'In short' }],
      greeting: 'Dear customer,',
    });
  });

  it('names the file and every bad key of a broken template', () => {
    const directory = folder();
    writeFileSync(join(directory, 'acme.json'), JSON.stringify({ id: 'Bad Id', tone: 'shouty' }));

    expect(() => loadNotificationTemplate({ directory, tenantId: 'acme' })).toThrow(
      TemplateFileError,
    );
    expect(() => loadNotificationTemplate({ directory, tenantId: 'acme' })).toThrow(
      /acme\.json is invalid: id: a lower-case slug; tone: Invalid option/,
    );
  });
});
