export interface UnresolvedCitation {
  /** Where in the finding, e.g. `triage.techniques[2].eventIds`. */
  path: string;
  eventId: string;
}

export interface CitationCheck {
  /** Citations found (one per event id per claim). */
  cited: number;
  unresolved: UnresolvedCitation[];
}

/**
 * Checks every `eventIds` list in a finding against the events the run fetched. A claim
 * citing an event the run never saw is invented or misremembered, whatever the model,
 * and the finding must not be stored.
 */
export function checkCitations(
  finding: unknown,
  fetched: { has(eventId: string): boolean },
): CitationCheck {
  const unresolved: UnresolvedCitation[] = [];
  let cited = 0;

  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key === 'eventIds' && Array.isArray(child)) {
        for (const eventId of child) {
          cited += 1;
          if (typeof eventId !== 'string' || !fetched.has(eventId)) {
            unresolved.push({ path: at, eventId: String(eventId) });
          }
        }
      } else {
        walk(child, at);
      }
    }
  };
  walk(finding, '');

  return { cited, unresolved };
}
