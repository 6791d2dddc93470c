import { ITSM_TOOLS } from './itsm/tools/itsm-tools.ts';
import { SENTINELONE_TOOLS } from './sentinelone/tools/sentinelone-tools.ts';

/**
 * Every tool casebook serves, by name and effect. A tenant's one policy file names tools
 * of several families; each gate checks the file against all of them, so a rule for a
 * ticket tool is not a typo to the SentinelOne gate, and a real typo still is.
 */
export const CASEBOOK_TOOLS: readonly { name: string; effect: 'read' | 'write' | 'containment' }[] =
  [...SENTINELONE_TOOLS, ...ITSM_TOOLS].map((tool) => ({ name: tool.name, effect: tool.effect }));
