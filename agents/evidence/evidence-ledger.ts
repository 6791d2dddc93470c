import type { EvidenceEvent } from '../../tools/analysis/index.ts';

/** Where a batch of evidence came from, for the run's record. */
export interface EvidenceSource {
  agentId: string;
  tool: string;
  queryId?: string | null;
}

export interface EvidenceLedger {
  /** Adds events once each (by id) and says how many were new. */
  add(events: readonly EvidenceEvent[], source: EvidenceSource): number;
  has(eventId: string): boolean;
  /** Every event the run fetched, in time order (ties by id), whoever fetched it. */
  events(): readonly EvidenceEvent[];
  readonly size: number;
  /** Endpoint names seen in the evidence, sorted. */
  endpoints(): string[];
  /** Events the console sent that could not be read. */
  rejected: number;
  sources(): readonly (EvidenceSource & { added: number })[];
}

/**
 * The evidence of one run: every event any of its agents fetched through the gate. A
 * citation is valid exactly when it names an event in here.
 */
export function createEvidenceLedger(): EvidenceLedger {
  const byId = new Map<string, EvidenceEvent>();
  const sources: (EvidenceSource & { added: number })[] = [];
  let ordered: EvidenceEvent[] | undefined;

  return {
    add(events, source) {
      let added = 0;
      for (const event of events) {
        if (byId.has(event.id)) continue;
        byId.set(event.id, event);
        added += 1;
      }
      if (added > 0) ordered = undefined;
      sources.push({ ...source, added });

      return added;
    },
    has: (eventId) => byId.has(eventId),
    events() {
      ordered ??= [...byId.values()].sort(
        (a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      return ordered;
    },
    get size() {
      return byId.size;
    },
    endpoints() {
      const names = new Set<string>();
      for (const event of byId.values()) {
        const name = event.endpoint.name ?? event.endpoint.agentUuid;
        if (name !== undefined) names.add(name);
      }
      return [...names].sort();
    },
    rejected: 0,
    sources: () => sources,
  };
}
