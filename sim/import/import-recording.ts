import { basename, relative, resolve, sep } from 'node:path';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { objectTypeOf } from '../../tools/s1ql/event-types.ts';
import {
  SCENARIO_SCHEMA_VERSION,
  Scenario,
  type ScenarioAgent,
  type ScenarioInput,
} from '../scenario.ts';
import type { AttackCatalog } from './attack/attack-catalog.ts';
import { buildAgents } from './endpoints/build-agents.ts';
import {
  createHostProfile,
  type HostProfile,
  hostKeyOf,
  mostFrequent,
  observeHost,
} from './endpoints/host-profile.ts';
import { ImportError } from './import-error.ts';
import type { ImportSummary } from './import-summary.ts';
import type { ProcessNode } from './lineage/process-node.ts';
import { ProcessTable } from './lineage/process-table.ts';
import { assignStorylines } from './lineage/storylines.ts';
import type { DvEvent, MappedRecord } from './mapping/dv-event.ts';
import { mapRecord } from './mapping/map-record.ts';
import type { SysmonCoverage } from './mapping/mapping-context.ts';
import { putSourceProcess, putTargetProcess } from './mapping/process-fields.ts';
import { extractAttackerCommands } from './metadata/attacker-commands.ts';
import { MetadataIndex, type MetadataMatch } from './metadata/metadata-index.ts';
import { forEachNdjsonRecord } from './read/ndjson-records.ts';
import { readRecordingContents } from './read/recording-contents.ts';
import { numericId } from './stable-id.ts';
import { buildGroundTruth, maliciousLineage } from './verdict/build-ground-truth.ts';
import { buildThreat } from './verdict/build-threat.ts';
import { type ImportedEvent, placeThreat, type ThreatPlacement } from './verdict/place-threat.ts';
import { labelTechniques, type TechniqueLabels } from './verdict/technique-labels.ts';
import { type ClockOffsets, calibrateClock, eventTimeOf } from './windows/event-clock.ts';
import { normaliseRecord, type WindowsRecord } from './windows/windows-record.ts';

export interface ImportRecordingOptions {
  /** A zip, `.tar.gz`, NDJSON file, or a folder of them read as one recording. */
  path: string;
  /** ATT&CK catalogue for normalising techniques; else `<datasetsRoot>/attack/...` is tried. */
  attack?: AttackCatalog;
  /** The `datasets` folder: the metadata search stops there. */
  datasetsRoot?: string;
  siteName?: string;
  clock?: Clock;
  logger?: Logger;
  /** Shared by batch imports so each metadata folder is parsed once. */
  metadataIndex?: MetadataIndex;
  /** Bytes the recording's archives may inflate to, all together; 1 GiB unless set. */
  maxDecompressedBytes?: number;
}

export interface ImportResult {
  scenario: Scenario;
  summary: ImportSummary;
}

interface ParsedRecording {
  records: WindowsRecord[];
  partNames: string[];
  lines: number;
  malformed: number;
  unrecognised: number;
  warnings: string[];
}

/** Turns one recorded attack into a simulator scenario. */
export async function importRecording(options: ImportRecordingOptions): Promise<ImportResult> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const started = clock.now();
  const index = options.metadataIndex ?? new MetadataIndex();

  const [contents, match] = await Promise.all([
    readRecordingContents(options.path, { maxDecompressedBytes: options.maxDecompressedBytes }),
    index.find(options.path, options.datasetsRoot),
  ]);
  const warnings = [...contents.warnings, ...index.takeProblems()];
  if (contents.parts.length === 0) {
    throw new ImportError({
      code: 'IMPORT_NO_EVENT_LOGS',
      message: `${options.path} holds no Windows event log NDJSON${
        contents.otherFiles.length > 0
          ? ` (only ${contents.otherFiles.slice(0, 5).join(', ')})`
          : ''
      }`,
      path: options.path,
    });
  }

  const parsed = parseParts(contents.parts);
  warnings.push(...parsed.warnings);
  if (parsed.records.length === 0) {
    throw new ImportError({
      code: 'IMPORT_NO_HOST_EVENTS',
      message: `${options.path} has no Windows event records (${parsed.lines} lines, ${parsed.malformed} malformed)`,
      path: options.path,
    });
  }

  const offsets = calibrateClock(parsed.records);
  const undated = assignTimes(parsed.records, offsets);
  if (undated === parsed.records.length) {
    warnings.push('no record has a usable timestamp; event times start at the epoch');
  }
  parsed.records.sort((a, b) => a.time - b.time || a.part - b.part || a.line - b.line);

  const scenarioId = scenarioIdOf(options.path);
  const profiles = profileHosts(parsed.records);
  const mapping = mapAll(parsed.records, profiles);
  const { table, mappedRecords } = mapping;
  if (mappedRecords.length === 0) {
    throw new ImportError({
      code: 'IMPORT_NO_HOST_EVENTS',
      message: `${options.path} has ${parsed.records.length} records but none maps to a Deep Visibility event`,
      path: options.path,
    });
  }

  const storylines = assignStorylines(table);
  const siteName = options.siteName ?? 'Default site';
  const agents = buildAgents({
    scenarioId,
    profiles: [...profiles.values()].map((entry) => entry.profile),
    siteName,
  });
  const events = renderEvents({
    scenarioId,
    mappedRecords,
    agents,
    table,
    partNames: parsed.partNames,
  });

  const metadata = match?.metadata;
  const labels = labelTechniques({ metadata, attack: options.attack });
  if (options.attack === undefined && labels.sourceIds.length > 0) {
    warnings.push(
      'no ATT&CK catalogue loaded: techniques were reformatted but not checked against v18.1',
    );
  }
  if (labels.unmapped.length > 0) {
    warnings.push(`techniques with no ATT&CK v18.1 counterpart: ${labels.unmapped.join(', ')}`);
  }

  const toolScripts = (metadata?.simulation?.tools ?? []).flatMap((tool) => tool?.script ?? []);
  const view = metadata?.simulation?.adversary_view ?? undefined;
  const commands = extractAttackerCommands(view, toolScripts);
  const placement = placeThreat({ events, commands, parentOf: (node) => table.parentOf(node) });
  if (placement === undefined) {
    throw new ImportError({
      code: 'IMPORT_NO_HOST_EVENTS',
      message: `${options.path}: no event to place a threat on`,
      path: options.path,
    });
  }
  const threatAgent = agents.get(placement.process.host) ?? firstAgent(agents);

  const lineage = maliciousLineage(table, placement);
  const scenarioCandidate: ScenarioInput = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: scenarioId,
    title: metadata?.title ?? basename(options.path),
    description: metadata?.description?.trim() ?? '',
    source: {
      kind: 'otrf',
      path: sourcePathOf(options, match),
      ...(metadata === undefined ? {} : { metadataId: metadata.id }),
    },
    agents: [...agents.values()],
    events: events.map((entry) => entry.event),
    threats: [
      buildThreat({
        scenarioId,
        placement,
        agent: threatAgent,
        table,
        labels,
        attack: options.attack,
      }),
    ],
    groundTruth: buildGroundTruth({
      verdict: metadata === undefined ? 'suspicious' : 'true_positive',
      labels,
      placement,
      lineage,
      events,
      agents,
      commands,
      rawViewLines: (view ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      notes: notesFor({ match, placement, labels }),
    }),
  };

  const scenario = validateScenario(scenarioCandidate, options.path);
  for (const warning of warnings) {
    logger.warn({ path: options.path, warning }, 'import warning');
  }

  const summary = summarise({
    scenario,
    path: options.path,
    match,
    parts: contents.parts.length,
    parsed,
    undated,
    mapping,
    events,
    storylines,
    offsets,
    placement,
    endpoint: threatAgent.computerName,
    labels,
    warnings,
    durationMs: clock.now() - started,
  });
  return { scenario, summary };
}

interface MappingResult {
  table: ProcessTable;
  mappedRecords: MappedRecord[];
  sources: ImportSummary['sources'];
  ignored: number;
  superseded: number;
}

/** Maps every record in time order, building the process table as it goes. */
function mapAll(
  records: readonly WindowsRecord[],
  profiles: ReadonlyMap<string, HostEntry>,
): MappingResult {
  const result: MappingResult = {
    table: new ProcessTable(),
    mappedRecords: [],
    sources: {},
    ignored: 0,
    superseded: 0,
  };
  const scriptHosts = new Map<string, ProcessNode>();

  for (const record of records) {
    const source = `${record.channel} ${record.eventId}`;
    const counts = result.sources[source] ?? { records: 0, mapped: 0 };
    result.sources[source] = counts;
    counts.records += 1;

    const outcome = mapRecord(record, {
      table: result.table,
      host: record.host,
      coverage: profiles.get(record.host)?.coverage ?? { processCreation: false, network: false },
      scriptHosts,
    });
    if (outcome.kind === 'mapped') {
      counts.mapped += 1;
      result.mappedRecords.push(outcome.value);
    } else if (outcome.kind === 'superseded') {
      result.superseded += 1;
    } else {
      result.ignored += 1;
    }
  }
  return result;
}

function summarise({
  scenario,
  path,
  match,
  parts,
  parsed,
  undated,
  mapping,
  events,
  storylines,
  offsets,
  placement,
  endpoint,
  labels,
  warnings,
  durationMs,
}: {
  scenario: Scenario;
  path: string;
  match: MetadataMatch | undefined;
  parts: number;
  parsed: ParsedRecording;
  undated: number;
  mapping: MappingResult;
  events: readonly ImportedEvent[];
  storylines: number;
  offsets: ClockOffsets;
  placement: ThreatPlacement;
  endpoint: string;
  labels: TechniqueLabels;
  warnings: string[];
  durationMs: number;
}): ImportSummary {
  const eventTypes: Record<string, number> = {};
  for (const entry of events) {
    eventTypes[entry.mapped.type] = (eventTypes[entry.mapped.type] ?? 0) + 1;
  }
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    path,
    metadata:
      match === undefined
        ? null
        : { id: match.metadata.id, file: match.file, matchedBy: match.matchedBy },
    parts,
    lines: parsed.lines,
    malformedLines: parsed.malformed,
    unrecognisedRecords: parsed.unrecognised,
    undatedRecords: undated,
    ignoredRecords: mapping.ignored,
    supersededRecords: mapping.superseded,
    sources: mapping.sources,
    eventTypes,
    agents: scenario.agents.length,
    events: events.length,
    processes: mapping.table.size,
    storylines,
    clockOffsetsMinutes: offsets,
    threat: {
      eventId: String(placement.event['event.id']),
      eventType: placement.mapped.type,
      endpoint,
      processName: placement.process.name ?? null,
      commandLine: placement.process.cmdline ?? null,
      method: placement.method,
      score: placement.score,
      matchedCommand: placement.command?.text ?? null,
    },
    techniques: {
      labelled: labels.sourceIds,
      normalised: labels.techniques.map((technique) => technique.id),
      unmapped: labels.unmapped,
    },
    warnings,
    durationMs,
  };
}

function parseParts(parts: { name: string; bytes: Uint8Array }[]): ParsedRecording {
  const parsed: ParsedRecording = {
    records: [],
    partNames: [],
    lines: 0,
    malformed: 0,
    unrecognised: 0,
    warnings: [],
  };
  parts.forEach((part, partIndex) => {
    parsed.partNames.push(part.name);
    const stats = forEachNdjsonRecord(part.bytes, (raw, line) => {
      const record = normaliseRecord(raw, { part: partIndex, line });
      if (record === undefined) {
        parsed.unrecognised += 1;
      } else {
        parsed.records.push(record);
      }
    });
    parsed.lines += stats.lines;
    parsed.malformed += stats.malformed;
    if (stats.cutOffLine !== undefined) {
      // Counted as malformed either way; said aloud because the file itself is cut short.
      parsed.warnings.push(
        `${part.name}: the last line (${stats.cutOffLine}) is cut off; it was skipped`,
      );
    }
  });
  return parsed;
}

/** Sets every record's UTC time; a record without a clock takes its predecessor's. */
function assignTimes(records: WindowsRecord[], offsets: ClockOffsets): number {
  let undated = 0;
  let previous: number | undefined;
  const pending: WindowsRecord[] = [];
  for (const record of records) {
    const time = eventTimeOf(record, offsets);
    if (time === undefined) {
      undated += 1;
      if (previous === undefined) {
        pending.push(record);
      } else {
        record.time = previous;
      }
      continue;
    }
    record.time = time;
    previous = time;
    for (const waiting of pending.splice(0)) {
      waiting.time = time;
    }
  }
  for (const waiting of pending) {
    waiting.time = 0;
  }
  return undated;
}

interface HostEntry {
  profile: HostProfile;
  coverage: SysmonCoverage;
}

/**
 * Groups records by endpoint (rewriting `record.host` to the host key) and notes what
 * Sysmon covers on each. A record naming no host belongs to the recording's main host.
 */
function profileHosts(records: WindowsRecord[]): Map<string, HostEntry> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const key = hostKeyOf(record.host);
    if (key !== '') {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const main = mostFrequent(counts) ?? 'UNKNOWN';

  const hosts = new Map<string, HostEntry>();
  for (const record of records) {
    const key = hostKeyOf(record.host) || main;
    let entry = hosts.get(key);
    if (entry === undefined) {
      entry = {
        profile: createHostProfile(key),
        coverage: { processCreation: false, network: false },
      };
      hosts.set(key, entry);
    }
    observeHost(entry.profile, record);
    if (record.kind === 'sysmon' && record.eventId === 1) {
      entry.coverage.processCreation = true;
    }
    if (record.kind === 'sysmon' && record.eventId === 3) {
      entry.coverage.network = true;
    }
    record.host = key;
  }
  return hosts;
}

function renderEvents({
  scenarioId,
  mappedRecords,
  agents,
  table,
  partNames,
}: {
  scenarioId: string;
  mappedRecords: readonly MappedRecord[];
  agents: ReadonlyMap<string, ScenarioAgent>;
  table: ProcessTable;
  partNames: readonly string[];
}): ImportedEvent[] {
  const used = new Set<string>();
  return mappedRecords.map((mapped) => {
    const record = mapped.record;
    const agent = agents.get(record.host) ?? firstAgent(agents);
    const seed = `${scenarioId}:${partNames[record.part] ?? record.part}:${record.line}`;
    let id = numericId(seed);
    for (let salt = 1; used.has(id); salt += 1) {
      id = numericId(`${seed}:${salt}`);
    }
    used.add(id);

    const event: DvEvent = {
      'event.id': id,
      'event.type': mapped.type,
      'event.category': objectTypeOf(mapped.type),
      'event.time': new Date(record.time).toISOString(),
      'agent.id': agent.id,
      'agent.uuid': agent.uuid,
      'endpoint.name': agent.computerName,
      'endpoint.os': 'windows',
      'endpoint.type': agent.machineType,
      'site.name': agent.siteName,
      ...mapped.fields,
    };
    putSourceProcess({ event, node: mapped.src, table });
    if (mapped.tgt !== undefined) {
      putTargetProcess(event, mapped.tgt);
    }
    return { event, mapped };
  });
}

function firstAgent(agents: ReadonlyMap<string, ScenarioAgent>): ScenarioAgent {
  const agent = agents.values().next().value;
  if (agent === undefined) {
    throw new ImportError({ code: 'IMPORT_NO_HOST_EVENTS', message: 'recording has no endpoint' });
  }
  return agent;
}

/** `otrf-` plus the file name without its archive extensions. */
export function scenarioIdOf(path: string): string {
  const name = basename(resolve(path)).replace(
    /(\.tar\.gz|\.tgz|\.zip|\.ndjson|\.jsonl|\.json)$/i,
    '',
  );
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `otrf-${slug || 'recording'}`;
}

function sourcePathOf(options: ImportRecordingOptions, match: MetadataMatch | undefined): string {
  if (match?.matchedBy === 'link') {
    return match.linkPath;
  }
  if (options.datasetsRoot !== undefined) {
    const inside = relative(resolve(options.datasetsRoot), resolve(options.path));
    if (!inside.startsWith('..') && !inside.startsWith(sep)) {
      return inside.split(sep).join('/');
    }
  }
  return basename(options.path);
}

function notesFor({
  match,
  placement,
  labels,
}: {
  match: MetadataMatch | undefined;
  placement: ThreatPlacement;
  labels: TechniqueLabels;
}): string {
  const notes: string[] = [];
  if (match === undefined) {
    notes.push(
      'No OTRF metadata was found for this recording: there are no ground-truth techniques, ' +
        'so the verdict is left as suspicious.',
    );
  } else {
    notes.push(
      `OTRF Security-Datasets recording ${match.metadata.id}` +
        `${match.metadata.title ? ` (${match.metadata.title})` : ''}.`,
    );
  }
  const target = `${placement.process.name ?? 'an unknown process'} (${placement.mapped.type})`;
  if (placement.method === 'adversary_view' && placement.command !== undefined) {
    notes.push(
      `The threat sits on ${target}, the best match for the attacker command ` +
        `"${placement.command.text.slice(0, 200)}" (score ${placement.score}).`,
    );
  } else {
    const reasons = placement.suspicion.reasons.join(', ') || 'no specific reason';
    notes.push(
      `No attacker command matched a recorded event; the threat sits on the most suspicious ` +
        `activity, ${target} (${reasons}).`,
    );
  }
  const crosswalked = labels.techniques.filter((technique) => technique.status !== 'current');
  if (crosswalked.length > 0) {
    notes.push(
      `Techniques normalised to ATT&CK v18.1: ${crosswalked
        .map((technique) => `${technique.source} → ${technique.id}`)
        .join(', ')}.`,
    );
  }
  return notes.join(' ');
}

/**
 * Checks the built scenario against the contract. Events are many (up to ~50k) and
 * built from typed values, so they get the schema's own rule (required keys set)
 * checked directly; zod parses the rest. This halves the import time of big recordings.
 */
function validateScenario(candidate: ScenarioInput, path: string): Scenario {
  const fail = (issues: string) =>
    new ImportError({
      code: 'IMPORT_SCENARIO_INVALID',
      message: `the scenario built from ${path} breaks the contract: ${issues}`,
      path,
    });

  const events = candidate.events;
  events.forEach((event, index) => {
    for (const key of REQUIRED_EVENT_KEYS) {
      const value = event[key];
      if (typeof value !== 'string' || value === '') {
        throw fail(`events.${index}.${key}: event is missing "${key}"`);
      }
    }
  });

  const result = Scenario.safeParse({ ...candidate, events: [] });
  if (!result.success) {
    throw fail(
      result.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; '),
    );
  }
  return { ...result.data, events: events as Scenario['events'] };
}

const REQUIRED_EVENT_KEYS = ['event.id', 'event.type', 'event.time', 'agent.uuid'] as const;
