import { checkCitations } from '../../agents/index.ts';
import { ratio } from './ratio.ts';

export interface CitationScore {
  cited: number;
  resolved: number;
  share: number | null;
}

/**
 * Share of a finding's citations that name an event the case really holds. The run
 * already refuses citations to events it never fetched; this checks them against the
 * scenario itself, so a simulator or ledger bug cannot hide an invented event.
 */
export function scoreCitations({
  finding,
  eventIds,
}: {
  finding: unknown;
  eventIds: ReadonlySet<string>;
}): CitationScore {
  const { cited, unresolved } = checkCitations(finding, eventIds);
  return {
    cited,
    resolved: cited - unresolved.length,
    share: ratio(cited - unresolved.length, cited),
  };
}
