import type {
  Timeline as AnalysisTimeline,
  IocReport,
  ProcessSummary,
  ProcessTree,
} from '../../../../tools/analysis/index.ts';
import {
  TIMELINE_SCHEMA_VERSION,
  type Timeline,
  type TimelineProcess,
} from '../../../schemas/timeline.ts';
import type { SweepOutcome } from '../../../tools/fleet-sweep-tool.ts';
import type { StorylineCoverage } from '../case-views.ts';
import { isoTime } from './iso-time.ts';
import { processCitations } from './process-citations.ts';

const MAX_IOCS = 60;
const MAX_PROCESSES = 60;

function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text === '') return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function processLine(process: ProcessSummary, tree: ProcessTree): TimelineProcess | undefined {
  const eventIds = processCitations(process, tree);
  if (eventIds.length === 0) return undefined;

  return {
    uid: process.uid,
    ...(process.name === undefined ? {} : { name: clip(process.name, 300) }),
    ...(process.parentUid === undefined ? {} : { parentUid: process.parentUid }),
    depth: process.depth,
    ...(process.endpoint === undefined ? {} : { endpoint: clip(process.endpoint, 200) }),
    ...(process.user === undefined ? {} : { user: clip(process.user, 300) }),
    ...(process.cmdline === undefined ? {} : { commandLine: clip(process.cmdline, 1_000) }),
    eventIds,
  };
}

/** The timeline specialist's answer, from the analysis over the run's evidence. */
export function writeTimeline({
  caseId,
  timeline,
  tree,
  iocs,
  sweep,
  coverage,
}: {
  caseId: string;
  coverage: StorylineCoverage;
  timeline: AnalysisTimeline;
  tree: ProcessTree;
  iocs: IocReport;
  sweep: SweepOutcome | undefined;
}): Timeline {
  const skippedNote =
    sweep === undefined || sweep.skipped.length === 0
      ? undefined
      : `${sweep.skipped.length} indicator(s) not swept: ${[
          ...new Set(sweep.skipped.map((item) => item.reason)),
        ].join('; ')}`;

  return {
    schemaVersion: TIMELINE_SCHEMA_VERSION,
    caseId,
    entries: timeline.entries
      .filter((entry) => entry.eventIds.length > 0)
      .map((entry) => ({
        time: isoTime(entry.time),
        lastTime: isoTime(entry.lastTime),
        count: entry.count,
        kind: entry.kind,
        ...(entry.endpoint === undefined ? {} : { endpoint: clip(entry.endpoint, 200) }),
        ...(entry.actor.name === undefined ? {} : { actor: clip(entry.actor.name, 300) }),
        summary: clip(entry.summary, 1_000) ?? entry.action,
        techniques: entry.techniques,
        eventIds: entry.eventIds.slice(0, 10),
      })),
    processTree: tree.processes
      .map((process) => processLine(process, tree))
      .filter((line) => line !== undefined)
      .slice(0, MAX_PROCESSES),
    iocs: iocs.iocs
      .filter((ioc) => ioc.eventIds.length > 0)
      .slice(0, MAX_IOCS)
      .map((ioc) => ({
        type: ioc.type,
        value: ioc.value.slice(0, 2_000),
        count: ioc.count,
        eventIds: ioc.eventIds.slice(0, 10),
      })),
    filteredIndicators: iocs.filtered.map((entry) => ({
      reason: entry.reason,
      count: entry.count,
    })),
    sweep:
      sweep === undefined
        ? { status: 'skipped', eventCount: 0, hits: [], note: 'the fleet sweep was not run' }
        : {
            status: sweep.status,
            ...(sweep.query === undefined ? {} : { query: sweep.query }),
            ...(sweep.fromDate === undefined ? {} : { fromDate: sweep.fromDate }),
            ...(sweep.toDate === undefined ? {} : { toDate: sweep.toDate }),
            eventCount: sweep.eventCount,
            hits: sweep.hits,
            ...(sweep.note === undefined && skippedNote === undefined
              ? {}
              : { note: [sweep.note, skippedNote].filter(Boolean).join('; ') }),
          },
    storyline: {
      events: coverage.events,
      truncated: coverage.truncated,
      unreadableEvents: coverage.unreadable,
    },
    totalEvents: timeline.totalEvents,
    omitted: timeline.omitted,
  };
}
