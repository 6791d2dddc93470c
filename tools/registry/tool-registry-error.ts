import { CasebookError } from '../../lib/casebook-error.ts';

/** A tool set that cannot be served safely; raised at start-up, before any model call. */
export class ToolRegistryError extends CasebookError {
  readonly fault = 'config';
  readonly code = 'TOOL_REGISTRY_INVALID';

  constructor(readonly problems: string[]) {
    super(`invalid tool registry:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}
