import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { CaseFacts } from '../case-facts.ts';

/**
 * The run's facts with the asset tags of the endpoints the call would touch, as the
 * console reports them in the preview: a rule on `assetTags` sees the targets' tags.
 */
export function withTargetTags(facts: CaseFacts, preview: BlastRadius): CaseFacts {
  const tags = new Set([...facts.assetTags, ...preview.endpoints.flatMap((e) => e.tags)]);
  return { ...facts, assetTags: [...tags].sort() };
}
