import { z } from 'zod';

import { EvidenceEvent, toEvidenceEvent, untrustedEventPaths } from './evidence-event.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';

const Iso = z.iso.datetime({ offset: true });

export const runDeepVisibilityQuery = defineSentinelOneTool({
  name: 'run_deep_visibility_query',
  description:
    'Run an S1QL 1.0 Deep Visibility query over the fleet between two times and return ' +
    'the matching events. Queries are slow and rate limited: prefer list_threat_events ' +
    "for one threat's storyline.",
  effect: 'read',
  input: z
    .strictObject({
      query: z.string().trim().min(1).max(10_000).describe('S1QL 1.0, e.g. DstIP = "203.0.113.7"'),
      fromDate: Iso.describe('start of the window, ISO-8601'),
      toDate: Iso.describe('end of the window, ISO-8601'),
      limit: z.number().int().min(1).max(1000).default(100).describe('most events to return'),
    })
    .refine((input) => Date.parse(input.fromDate) <= Date.parse(input.toDate), {
      message: 'fromDate must not be after toDate',
      path: ['fromDate'],
    }),
  output: z.strictObject({
    queryId: z.string().nullable(),
    events: z.array(EvidenceEvent),
    truncated: z.boolean(),
  }),
  untrusted: (output) => untrustedEventPaths('events', output.events),
  async execute({ query, fromDate, toDate, limit }, { reads, signal }) {
    let queryId: string | null = null;
    const events = [];

    // One event past the limit says whether there were more.
    const pages = reads.sentinelone.runDvQuery({
      query,
      fromDate,
      toDate,
      limit: limit + 1,
      pageSize: Math.min(limit + 1, 1000),
      signal,
    });
    for await (const page of pages) {
      queryId = page.queryId;
      events.push(...page.items);
      if (events.length > limit) break;
    }

    return {
      queryId,
      events: events.slice(0, limit).map(toEvidenceEvent),
      truncated: events.length > limit,
    };
  },
});
