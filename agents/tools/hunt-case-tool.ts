import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import type { EvidenceEvent } from '../../tools/analysis/index.ts';
import type { AgentId } from '../agent-id.ts';
import type { HuntCase } from '../evidence/hunt-case.ts';
import { caseRunOf } from '../run/case-run.ts';
import { type AgentToolResult, okResult } from './agent-tool-result.ts';
import { callThroughGate } from './gated-tool.ts';
import { recordLocalCall } from './record-local-call.ts';

export const GET_HUNT_CASE = 'get_hunt_case';

/** Deep Visibility returns at most this many events per query; hunts cite from fewer. */
const REFETCH_LIMIT = 1000;

/**
 * A promoted hunt as the case the agents analyse. The fields a threat has are filled from
 * the cited events (the endpoint most of them are on, the earliest hunted process); the
 * console's own judgement (`confidenceLevel`, `analystVerdict`) does not exist for a hunt.
 */
export interface HuntCaseSubject {
  id: string;
  origin: 'hunt';
  threatName: string;
  classification: 'Hunt';
  confidenceLevel: 'n/a';
  analystVerdict: 'undefined';
  incidentStatus: 'unresolved';
  storyline: string | null;
  createdAt: string;
  sha1: string | null;
  filePath: string | null;
  commandLine: string | null;
  originatorProcess: string | null;
  processUser: string | null;
  agentId: string;
  agentComputerName: string;
  hunterId: string;
  queries: { query: string; fromDate: string; toDate: string }[];
}

export interface HuntCaseOutcome {
  case: HuntCaseSubject;
  /** How much of the cited evidence the run holds; shaped like a storyline's coverage. */
  coverage: { events: number; truncated: false; unreadable: number };
  citedEvents: number;
  /** Cited events the console no longer returned for the hunt's queries. */
  missingEventIds: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The queries the hunt ran, each (query, window) once: follow-ups often re-run one. */
function distinctQueries(hunt: HuntCase): HuntCase['queries'] {
  const seen = new Set<string>();
  return hunt.queries.filter((query) => {
    const key = `${query.fromMs}|${query.toMs}|${query.query}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function subjectOf(hunt: HuntCase, events: readonly EvidenceEvent[]): HuntCaseSubject {
  const byEndpoint = new Map<string, { count: number; agentId: string | undefined }>();
  for (const event of events) {
    const name = event.endpoint.name ?? event.endpoint.agentUuid;
    if (name === undefined) continue;
    const entry = byEndpoint.get(name) ?? { count: 0, agentId: event.endpoint.agentId };
    entry.count += 1;
    byEndpoint.set(name, entry);
  }
  const [endpoint, seen] = [...byEndpoint].sort(
    ([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1),
  )[0] ?? ['unknown endpoint', { count: 0, agentId: undefined }];
  const first = events.find(
    (event) => (event.endpoint.name ?? event.endpoint.agentUuid) === endpoint,
  );
  const hunted = first?.target.process ?? first?.process;

  return {
    id: hunt.caseId,
    origin: 'hunt',
    threatName: hunt.title,
    classification: 'Hunt',
    confidenceLevel: 'n/a',
    analystVerdict: 'undefined',
    incidentStatus: 'unresolved',
    storyline: hunted?.storyline ?? null,
    createdAt: hunt.createdAt,
    sha1: hunted?.sha1 ?? null,
    filePath: hunted?.imagePath ?? null,
    commandLine: hunted?.cmdline ?? null,
    originatorProcess: first?.process.name ?? null,
    processUser: hunted?.user ?? null,
    agentId: seen.agentId !== undefined && /^\d+$/.test(seen.agentId) ? seen.agentId : '',
    agentComputerName: endpoint,
    hunterId: hunt.hunterId,
    queries: distinctQueries(hunt).map((query) => ({
      query: query.query,
      fromDate: iso(query.fromMs),
      toDate: iso(query.toMs),
    })),
  };
}

/**
 * The case of a promoted hunt and its evidence. The hunt's stored, validated queries run
 * again within their windows through the gated Deep Visibility tool, and only the events
 * the hunt cited join the run's evidence, so every claim cites events this run fetched
 * and the case stays the one the hunter promoted. A second call in the same run reads the
 * evidence already fetched.
 */
export function createHuntCaseTool({ agentId }: { agentId: AgentId }) {
  return createTool({
    id: GET_HUNT_CASE,
    description:
      'For a promoted hunt (case id hunt-...), in place of get_threat and list_threat_events: ' +
      "the hunt's title, hunter and queries, and its cited events, fetched again through " +
      'Deep Visibility and added to the evidence. Returns the endpoint most events are on, ' +
      'the hunted process and how many cited events were read.',
    inputSchema: z.strictObject({ reason: z.string().max(500).optional() }),
    execute: async ({ reason }, context): Promise<AgentToolResult> => {
      const run = caseRunOf(context.requestContext);
      const startedAt = run.clock.now();
      const hunt = run.hunt;
      if (hunt === undefined) {
        return {
          status: 'not_a_hunt',
          tool: GET_HUNT_CASE,
          message: `case ${run.caseId} is a SentinelOne threat, not a promoted hunt; use get_threat`,
        };
      }

      const cited = new Set(hunt.eventIds);
      const missing = () => hunt.eventIds.filter((id) => !run.ledger.has(id));
      for (const query of distinctQueries(hunt)) {
        if (missing().length === 0) break;
        const { result, view } = await callThroughGate({
          run,
          agentId,
          tool: 'run_deep_visibility_query',
          input: {
            query: query.query,
            fromDate: iso(query.fromMs),
            toDate: iso(query.toMs),
            limit: REFETCH_LIMIT,
          },
          reason: reason ?? `the cited events of hunt ${hunt.caseId}`,
          signal: context.abortSignal,
          keepEvent: (id) => cited.has(id),
        });
        if (result.status !== 'ok') return view;
      }

      const events = run.ledger.events().filter((event) => cited.has(event.id));
      const missingEventIds = missing();
      const outcome: HuntCaseOutcome = {
        case: subjectOf(hunt, events),
        coverage: {
          events: events.length,
          truncated: false,
          unreadable: missingEventIds.length,
        },
        citedEvents: hunt.eventIds.length,
        missingEventIds,
      };
      const untrusted = [
        'case.threatName',
        'case.storyline',
        'case.filePath',
        'case.commandLine',
        'case.originatorProcess',
        'case.processUser',
        'case.agentComputerName',
        ...outcome.case.queries.map((_, i) => `case.queries[${i}].query`),
      ];
      recordLocalCall({ run, agentId, tool: GET_HUNT_CASE, startedAt });
      return okResult(GET_HUNT_CASE, outcome, untrusted);
    },
  });
}
