import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import { type EvidenceEvent, iocReportOf } from '../../tools/analysis/index.ts';
import type { AgentId } from '../agent-id.ts';
import { evidenceFromConsoleEvents } from '../evidence/console-event.ts';
import { buildSweepQuery } from '../evidence/fleet-sweep-query.ts';
import { findLateralMovement } from '../evidence/lateral-movement.ts';
import { caseRunOf } from '../run/case-run.ts';
import { type AgentToolResult, okResult } from './agent-tool-result.ts';
import { callThroughGate } from './gated-tool.ts';

export const SWEEP_FLEET = 'sweep_fleet';

const HOUR = 3_600_000;
const CITED = 10;

export interface SweepOutcome {
  status: 'ran' | 'skipped';
  query?: string;
  fromDate?: string;
  toDate?: string;
  eventCount: number;
  hits: { endpoint: string; matched: string[]; eventIds: string[] }[];
  skipped: { value: string; reason: string }[];
  note?: string;
}

function valuesOf(event: EvidenceEvent): string[] {
  const target = event.target;
  return [
    target.dns?.request,
    target.network?.dstIp,
    target.network?.srcIp,
    target.url?.address,
    target.file?.path,
    target.process?.imagePath,
    event.process.imagePath,
  ].filter((value): value is string => value !== undefined);
}

/**
 * The fleet sweep as one tool: the case's indicators and the hosts it reached for, as
 * one checked S1QL query through the gated Deep Visibility tool, over the case's time
 * span. Hits are grouped by endpoint, other than the case's own, with what matched.
 */
export function createFleetSweepTool({ agentId }: { agentId: AgentId }) {
  return createTool({
    id: SWEEP_FLEET,
    description:
      "Sweeps the fleet for the case's indicators (domains, IPs, URLs, file paths from the " +
      'evidence fetched so far) and for activity on hosts the case reached, with one Deep ' +
      'Visibility query over the case window. Returns the endpoints that matched, with what ' +
      'matched and event ids. Fetch the storyline first.',
    inputSchema: z.strictObject({ reason: z.string().max(500).optional() }),
    execute: async ({ reason }, context): Promise<AgentToolResult> => {
      const run = caseRunOf(context.requestContext);
      const evidence = run.ledger.events();
      const caseEndpoints = new Set(run.ledger.endpoints().map((name) => name.toLowerCase()));
      const lateral = findLateralMovement(evidence);
      const sweep = buildSweepQuery({
        iocs: iocReportOf(evidence).iocs,
        hosts: lateral.targets.map((target) => target.host),
        exclude: run.ledger.endpoints(),
      });
      if (sweep === null || evidence.length === 0) {
        const outcome: SweepOutcome = {
          status: 'skipped',
          eventCount: 0,
          hits: [],
          skipped: sweep?.skipped ?? [],
          note: 'nothing to sweep for: no indicators or hosts in the evidence',
        };
        return okResult(SWEEP_FLEET, outcome);
      }

      const first = evidence[0]?.time ?? 0;
      const last = evidence[evidence.length - 1]?.time ?? first;
      const fromDate = new Date(first - HOUR).toISOString();
      const toDate = new Date(last + 6 * HOUR).toISOString();
      const { result, view } = await callThroughGate({
        run,
        agentId,
        tool: 'run_deep_visibility_query',
        input: { query: sweep.query, fromDate, toDate, limit: 1000 },
        reason: reason ?? 'fleet sweep for the case indicators',
        signal: context.abortSignal,
      });
      if (result.status !== 'ok') return view;

      const raw = (result.output as { events?: unknown[] }).events ?? [];
      const { events } = evidenceFromConsoleEvents(raw);
      const wanted = new Map(sweep.values.map((value) => [value.toLowerCase(), value]));
      const byEndpoint = new Map<string, { matched: Set<string>; eventIds: string[] }>();
      for (const event of events) {
        const endpoint = event.endpoint.name ?? event.endpoint.agentUuid ?? 'unknown endpoint';
        if (caseEndpoints.has(endpoint.toLowerCase())) continue;
        const hit = byEndpoint.get(endpoint) ?? { matched: new Set<string>(), eventIds: [] };
        for (const value of valuesOf(event)) {
          const known = wanted.get(value.toLowerCase());
          if (known !== undefined) hit.matched.add(known);
        }
        if (wanted.has(endpoint.toLowerCase())) hit.matched.add(`activity on ${endpoint}`);
        if (hit.eventIds.length < CITED) hit.eventIds.push(event.id);
        byEndpoint.set(endpoint, hit);
      }

      const outcome: SweepOutcome = {
        status: 'ran',
        query: sweep.query,
        fromDate,
        toDate,
        eventCount: events.length,
        hits: [...byEndpoint]
          .filter(([, hit]) => hit.matched.size > 0)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([endpoint, hit]) => ({
            endpoint,
            matched: [...hit.matched].sort(),
            eventIds: hit.eventIds,
          })),
        skipped: sweep.skipped,
      };
      const untrusted = [
        'query',
        ...outcome.hits.flatMap((hit, i) => [
          `hits[${i}].endpoint`,
          ...hit.matched.map((_, j) => `hits[${i}].matched[${j}]`),
        ]),
        ...outcome.skipped.map((_, i) => `skipped[${i}].value`),
      ];
      return okResult(SWEEP_FLEET, outcome, untrusted);
    },
  });
}
