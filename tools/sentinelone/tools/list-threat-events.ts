import { z } from 'zod';

import { collectItems } from '../resources/iterate-pages.ts';
import { EvidenceEvent, toEvidenceEvent, untrustedEventPaths } from './evidence-event.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { ThreatId } from './tool-params.ts';

export const listThreatEvents = defineSentinelOneTool({
  name: 'list_threat_events',
  description:
    "Fetch the Deep Visibility events of a threat's storyline (process creations, files, " +
    'network, registry, DNS…), oldest first, optionally only some event types.',
  effect: 'read',
  input: z.strictObject({
    threatId: ThreatId,
    eventTypes: z
      .array(z.string().min(1))
      .min(1)
      .max(20)
      .optional()
      .describe('only these event types, e.g. ["Process Creation", "DNS Resolved"]'),
    limit: z.number().int().min(1).max(1000).default(200).describe('most events to return'),
  }),
  output: z.strictObject({
    threatId: z.string(),
    events: z.array(EvidenceEvent),
    /** More events exist than `limit` allowed. */
    truncated: z.boolean(),
  }),
  untrusted: (output) => untrustedEventPaths('events', output.events),
  async execute({ threatId, eventTypes, limit }, { reads, signal }) {
    // One event past the limit says whether there were more.
    const pages = reads.sentinelone.iterateThreatEvents({
      threatId,
      eventTypes,
      limit: Math.min(limit + 1, 1000),
      signal,
    });
    const events = await collectItems(pages, { max: limit + 1 });

    return {
      threatId,
      events: events.slice(0, limit).map(toEvidenceEvent),
      truncated: events.length > limit,
    };
  },
});
