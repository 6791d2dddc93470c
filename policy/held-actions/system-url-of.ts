import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { consoleOrigin } from '../console-origin.ts';
import type { HeldActionDeps } from './held-action-deps.ts';

/** The origin the tenant's `tool` writes to now, or null when this caller does not know. */
export function systemUrlOf<Caps extends ToolCapabilities>(
  deps: Pick<HeldActionDeps<Caps>, 'consoleUrl'>,
  tool: string,
): string | null {
  const url = typeof deps.consoleUrl === 'function' ? deps.consoleUrl(tool) : deps.consoleUrl;
  return consoleOrigin(url);
}
