import { CasebookError } from '../../lib/casebook-error.ts';

/** A tenant's notification template file that cannot be used. */
export class TemplateFileError extends CasebookError {
  readonly fault = 'config';
  readonly code = 'NOTIFICATION_TEMPLATE_INVALID';
  readonly path: string;
  readonly problems: readonly string[];

  constructor({ path, problems }: { path: string; problems: readonly string[] }) {
    super(`notification template ${path} is invalid: ${problems.join('; ')}`);
    this.path = path;
    this.problems = problems;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, problems: this.problems };
  }
}
