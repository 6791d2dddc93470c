import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

import { DEFAULT_NOTIFICATION_TEMPLATE, NotificationTemplate } from './notification-template.ts';
import { TemplateFileError } from './template-file-error.ts';

/**
 * A tenant's notification template from `<directory>/<tenant>.yaml` (or `.json`), or the
 * default template when the tenant has none. A file that exists but is wrong stops the
 * run with the file and the bad keys named.
 */
export function loadNotificationTemplate({
  directory,
  tenantId,
}: {
  directory: string;
  tenantId: string;
}): { template: NotificationTemplate; source: string } {
  const candidates = ['yaml', 'yml', 'json'].map((ext) => join(directory, `${tenantId}.${ext}`));
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) return { template: DEFAULT_NOTIFICATION_TEMPLATE, source: '(default)' };

  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new TemplateFileError({
      path,
      problems: [`not readable: ${error instanceof Error ? error.message : String(error)}`],
    });
  }

  const parsed = NotificationTemplate.safeParse(raw);
  if (!parsed.success) {
    throw new TemplateFileError({
      path,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || '(template)'}: ${issue.message}`,
      ),
    });
  }

  return { template: parsed.data, source: path };
}
