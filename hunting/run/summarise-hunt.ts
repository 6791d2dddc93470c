import { z } from 'zod';

import type { EvidenceEvent } from '../../tools/sentinelone/tools/evidence-event.ts';
import type { HuntFocus } from '../refine/hunt-focus.ts';

const Count = z.strictObject({
  value: z.string(),
  count: z.number().int(),
  /** A few events to cite for this value. */
  eventIds: z.array(z.string()),
});

/**
 * What a hunt found, for people and models: counts by host, process and time, the rare
 * values (outliers), and the event ids it rests on. Host, process and outlier values are
 * telemetry: `untrusted` lists their JSON paths, to fence before any prompt.
 */
export const HuntSummary = z.strictObject({
  total: z.number().int(),
  /** The console had more events than the limit asked for. */
  truncated: z.boolean(),
  queryId: z.string().nullable(),
  focus: z.enum(['process', 'parent']),
  byHost: z.array(Count),
  byProcess: z.array(Count),
  byTime: z.array(z.strictObject({ start: z.string(), count: z.number().int() })),
  bucketMs: z.number().int(),
  outliers: z.array(Count.extend({ field: z.string() })),
  /** Every event id the summary cites, first seen first. */
  citedEventIds: z.array(z.string()),
  untrusted: z.array(z.string()),
});
export type HuntSummary = z.infer<typeof HuntSummary>;

const TOP = 10;
const CITE_PER_VALUE = 3;
const MAX_CITED = 50;
const BUCKETS = [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000];

/** Keys of the acting process, the started one and the acting one's parent. */
function processOf(event: EvidenceEvent, focus: HuntFocus): string | undefined {
  const f = event.fields;
  const text = (key: string) =>
    typeof f[key] === 'string' && f[key] !== '' ? String(f[key]) : undefined;
  const starts = event.type === 'Process Creation';
  if (focus === 'parent') return starts ? text('srcProcName') : text('srcProcParentName');
  return starts ? (text('tgtProcName') ?? text('srcProcName')) : text('srcProcName');
}

/** The fields whose rare values are worth a look, by event kind. */
const OUTLIER_FIELDS = [
  'tgtProcCmdLine',
  'dstIp',
  'dnsRequest',
  'url',
  'tgtFilePath',
  'registryKeyPath',
  'modulePath',
  'loginsUserName',
  'srcProcUser',
];

/**
 * Summarises the events of a hunt. Values are counted case-sensitively as the console
 * wrote them; ties sort by value so the same events always give the same summary.
 */
export function summariseHunt({
  events,
  truncated,
  queryId,
  focus,
}: {
  events: readonly EvidenceEvent[];
  truncated: boolean;
  queryId: string | null;
  focus: HuntFocus;
}): HuntSummary {
  const hosts = new Tally();
  const processes = new Tally();
  const rare = new Map<string, Tally>();
  const cited: string[] = [];
  const cite = (id: string) => {
    if (cited.length < MAX_CITED && !cited.includes(id)) cited.push(id);
  };

  const times = events.map((event) => Date.parse(event.time)).filter((t) => !Number.isNaN(t));
  const span = times.length === 0 ? 0 : Math.max(...times) - Math.min(...times);
  const bucketMs = BUCKETS.find((size) => span / size <= 12) ?? BUCKETS.at(-1) ?? 86_400_000;
  const buckets = new Map<number, number>();

  for (const event of events) {
    const host = event.fields.endpointName;
    hosts.add(typeof host === 'string' ? host : (event.agentUuid ?? 'unknown host'), event.id);
    const process = processOf(event, focus);
    if (process !== undefined) processes.add(process, event.id);
    for (const key of OUTLIER_FIELDS) {
      const value = event.fields[key];
      if (typeof value !== 'string' || value === '') continue;
      const tally = rare.get(key) ?? new Tally();
      tally.add(value, event.id);
      rare.set(key, tally);
    }
    const time = Date.parse(event.time);
    if (!Number.isNaN(time)) {
      const start = Math.floor(time / bucketMs) * bucketMs;
      buckets.set(start, (buckets.get(start) ?? 0) + 1);
    }
  }

  const byHost = hosts.top(TOP);
  const byProcess = processes.top(TOP);
  // A value seen once, in a field where others repeat, is what stands out.
  const outliers = [...rare]
    .filter(([, tally]) => tally.size > 1)
    .flatMap(([field, tally]) =>
      tally
        .rarest()
        .filter((entry) => entry.count === 1)
        .map((entry) => ({ field, ...entry })),
    )
    .sort((a, b) =>
      a.field === b.field ? (a.value < b.value ? -1 : 1) : a.field < b.field ? -1 : 1,
    )
    .slice(0, TOP);

  for (const entry of [...outliers, ...byProcess, ...byHost]) entry.eventIds.forEach(cite);
  for (const event of events) cite(event.id);

  return {
    total: events.length,
    truncated,
    queryId,
    focus,
    byHost,
    byProcess,
    byTime: [...buckets]
      .sort(([a], [b]) => a - b)
      .map(([start, count]) => ({ start: new Date(start).toISOString(), count })),
    bucketMs,
    outliers,
    citedEventIds: cited,
    untrusted: [
      ...byHost.map((_, i) => `byHost[${i}].value`),
      ...byProcess.map((_, i) => `byProcess[${i}].value`),
      ...outliers.map((_, i) => `outliers[${i}].value`),
    ],
  };
}

class Tally {
  readonly #counts = new Map<string, { count: number; eventIds: string[] }>();

  get size(): number {
    return this.#counts.size;
  }

  add(value: string, eventId: string): void {
    const entry = this.#counts.get(value) ?? { count: 0, eventIds: [] };
    entry.count += 1;
    if (entry.eventIds.length < CITE_PER_VALUE) entry.eventIds.push(eventId);
    this.#counts.set(value, entry);
  }

  top(limit: number): { value: string; count: number; eventIds: string[] }[] {
    return this.#entries()
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit);
  }

  rarest(): { value: string; count: number; eventIds: string[] }[] {
    return this.#entries().sort((a, b) => a.count - b.count || (a.value < b.value ? -1 : 1));
  }

  #entries() {
    return [...this.#counts].map(([value, entry]) => ({ value, ...entry }));
  }
}
