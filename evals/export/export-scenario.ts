import { AI_DRAFT_HEADER } from '../../policy/index.ts';
import {
  type GroundTruth,
  SCENARIO_SCHEMA_VERSION,
  Scenario,
  type ScenarioAgent,
  type ScenarioEvent,
  type ScenarioThreat,
  type ThreatIndicator,
  type UNDERIVABLE_TRUTH,
} from '../../sim/scenario.ts';
import {
  type Agent,
  collectItems,
  type SentinelOneClient,
  type Threat,
} from '../../tools/sentinelone/index.ts';
import { EvalExportError } from './eval-export-error.ts';
import { readAnalystNotes } from './read-analyst-notes.ts';
import { scenarioEventOf } from './scenario-event-of.ts';

/** The client calls an export makes; all of them reads. */
export type ExportClient = Pick<
  SentinelOneClient,
  'getThreat' | 'getAgent' | 'iterateThreatEvents' | 'iterateThreatNotes'
>;

export interface ExportedScenario {
  scenario: Scenario;
  /** Ground-truth fields the console and the notes could not give; scored as no data. */
  underived: (typeof UNDERIVABLE_TRUTH)[number][];
  /** Storyline events left out beyond `maxEvents`. */
  truncated: boolean;
}

/** A storyline far past this is a fleet-wide process; replaying it would not be one case. */
export const DEFAULT_MAX_EXPORT_EVENTS = 20_000;

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const TECHNIQUE_LINK = /\/techniques\/(T\d{4})(?:\/(\d{3}))?/;

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A MITRE technique reference as an id: its name when that is an id, else from its link. */
function techniqueIdOf({ name, link }: { name: string; link: string }): string | null {
  if (TECHNIQUE_ID.test(name)) return name;
  const match = TECHNIQUE_LINK.exec(link);
  if (match?.[1] === undefined) return null;
  return match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`;
}

function indicatorsOf(threat: Threat): ThreatIndicator[] {
  const raw = Array.isArray(threat.indicators) ? threat.indicators : [];
  return raw.flatMap((item): ThreatIndicator[] => {
    const indicator = item as Record<string, unknown>;
    const tactics = Array.isArray(indicator.tactics) ? indicator.tactics : [];
    return [
      {
        category: str(indicator.category) ?? '',
        description: str(indicator.description) ?? '',
        tactics: tactics.map((entry) => {
          const tactic = entry as Record<string, unknown>;
          const techniques = Array.isArray(tactic.techniques) ? tactic.techniques : [];
          return {
            name: str(tactic.name) ?? '',
            source: 'MITRE' as const,
            techniques: techniques.map((technique) => ({
              name: str((technique as Record<string, unknown>).name) ?? '',
              link: str((technique as Record<string, unknown>).link) ?? '',
            })),
          };
        }),
      },
    ];
  });
}

function agentOf(agent: Agent): ScenarioAgent {
  const interfaces = Array.isArray(agent.networkInterfaces) ? agent.networkInterfaces : [];
  const addresses = interfaces.flatMap((nic) => {
    const { inet, inet6 } = nic as { inet?: unknown; inet6?: unknown };
    return [inet, inet6].flatMap((list) =>
      Array.isArray(list) ? list.filter((ip): ip is string => typeof ip === 'string') : [],
    );
  });
  const machine = str(agent.machineType);
  return {
    id: agent.id,
    uuid: agent.uuid,
    computerName: agent.computerName,
    osType: agent.osType === 'windows_legacy' ? 'windows' : agent.osType,
    osName: str(agent.osName) ?? '',
    machineType: machine === 'laptop' || machine === 'server' ? machine : 'desktop',
    domain: str(agent.domain) ?? 'WORKGROUP',
    siteName: str(agent.siteName) ?? 'Default site',
    groupName: str(agent.groupName) ?? 'Default Group',
    ipAddresses: addresses,
    lastLoggedInUserName: str(agent.lastLoggedInUserName) ?? '',
    tags: [],
  };
}

/** The event the detection fired on: the threat's own process if the storyline shows it. */
function detectionEventOf(threat: Threat, events: readonly ScenarioEvent[]): string {
  const { sha1, filePath } = threat.threatInfo;
  const own = events.find(
    (event) =>
      (sha1 !== null && event['src.process.image.sha1'] === sha1) ||
      (filePath !== null && event['src.process.image.path'] === filePath),
  );
  return String((own ?? events[0])?.['event.id'] ?? '');
}

/** The threat as the replay shows it: open and unjudged, so the answer is not in the case. */
function threatOf(threat: Threat, events: readonly ScenarioEvent[]): ScenarioThreat {
  const info = threat.threatInfo as Threat['threatInfo'] & Record<string, unknown>;
  const detection = str(info.detectionType);
  const engines = Array.isArray(info.engines)
    ? info.engines.filter((engine): engine is string => typeof engine === 'string')
    : [];
  return {
    id: threat.id,
    agentId: threat.agentRealtimeInfo.agentId,
    eventId: detectionEventOf(threat, events),
    storyline: info.storyline ?? '',
    createdAt: info.createdAt,
    threatName: info.threatName,
    classification: info.classification,
    confidenceLevel: info.confidenceLevel === 'malicious' ? 'malicious' : 'suspicious',
    filePath: info.filePath ?? '',
    sha1: info.sha1,
    sha256: str(info.sha256),
    md5: str(info.md5),
    commandLine: str(info.maliciousProcessArguments),
    originatorProcess: info.originatorProcess,
    processUser: str(info.processUser),
    initiatedBy: str(info.initiatedBy) ?? 'agent_policy',
    detectionType: detection === 'static' ? 'static' : 'dynamic',
    engines: engines.length === 0 ? ['DBT - Executables'] : engines,
    indicators: indicatorsOf(threat),
    incidentStatus: 'unresolved',
    analystVerdict: 'undefined',
    mitigationStatus: 'not_mitigated',
  };
}

/**
 * A closed case from a console as a replay scenario: the threat (reopened, unjudged),
 * its endpoint, its storyline's Deep Visibility events, and a ground truth from the
 * analyst's verdict and notes (see `readAnalystNotes`). Techniques come from the notes,
 * else from the threat's MITRE indicators. What neither gives is listed in `underived`
 * and scored as no data. casebook's own AI-draft notes are never read as ground truth.
 * An open threat, or one closed without a verdict, is refused.
 */
export async function exportScenario({
  client,
  threatId,
  maxEvents = DEFAULT_MAX_EXPORT_EVENTS,
}: {
  client: ExportClient;
  threatId: string;
  maxEvents?: number;
}): Promise<ExportedScenario> {
  const threat = await client.getThreat({ id: threatId });
  const { incidentStatus, analystVerdict } = threat.threatInfo;
  if (incidentStatus !== 'resolved') {
    throw new EvalExportError({
      code: 'THREAT_NOT_CLOSED',
      threatId,
      message:
        `threat ${threatId} is still open (incident status "${incidentStatus}"): only a ` +
        'resolved case has a settled verdict to replay against; resolve it in the console first',
    });
  }
  if (analystVerdict === 'undefined') {
    throw new EvalExportError({
      code: 'THREAT_WITHOUT_VERDICT',
      threatId,
      message: `threat ${threatId} was resolved without an analyst verdict: set one, then export`,
    });
  }

  const agent = agentOf(await client.getAgent({ id: threat.agentRealtimeInfo.agentId }));
  const dvEvents = await collectItems(client.iterateThreatEvents({ threatId, limit: 1000 }), {
    max: maxEvents + 1,
  });
  const events = dvEvents.slice(0, maxEvents).map(scenarioEventOf);
  const notes = (await collectItems(client.iterateThreatNotes({ threatId, limit: 1000 })))
    .map((note) => note.text)
    .filter((text) => !text.startsWith(AI_DRAFT_HEADER));
  const said = readAnalystNotes(notes);

  const indicators = indicatorsOf(threat);
  const indicated = [
    ...new Set(
      indicators.flatMap((indicator) =>
        indicator.tactics.flatMap((tactic) =>
          tactic.techniques.flatMap((technique) => techniqueIdOf(technique) ?? []),
        ),
      ),
    ),
  ];
  const benign = analystVerdict === 'false_positive';
  const techniques = said.techniques.length > 0 ? said.techniques : benign ? [] : indicated;
  const underived: ExportedScenario['underived'] = [];
  if (said.severity === undefined) underived.push('severity');
  if (techniques.length === 0 && !benign) underived.push('techniques');
  if (said.rootCauseProcessUid === undefined) underived.push('rootCauseProcessUid');
  underived.push('maliciousProcessUids');
  if (said.iocs.length === 0 && !benign) underived.push('iocs');
  if (said.facts.length === 0) underived.push('facts');

  const groundTruth: GroundTruth = {
    verdict: analystVerdict,
    ...(said.severity === undefined ? {} : { severity: said.severity }),
    techniques,
    sourceTechniques: indicated,
    maliciousProcessUids: [],
    ...(said.rootCauseProcessUid === undefined
      ? {}
      : { rootCauseProcessUid: said.rootCauseProcessUid }),
    // A benign case affected nothing; a true one at least the endpoint it fired on.
    affectedEndpoints:
      said.affectedEndpoints.length > 0 || benign ? said.affectedEndpoints : [agent.computerName],
    iocs: said.iocs,
    attackerCommands: [],
    ...(said.text === '' ? {} : { notes: said.text }),
    ...(said.facts.length === 0 ? {} : { facts: said.facts }),
    underived,
  };
  const scenario = Scenario.parse({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: `export-${threatId}`,
    title: `${threat.threatInfo.threatName} on ${agent.computerName}`,
    description:
      `Exported from a console: threat ${threatId}, analyst verdict ${analystVerdict}, ` +
      `${events.length} storyline events${dvEvents.length > maxEvents ? ' (cut)' : ''}.`,
    source: { kind: 'export', metadataId: threatId },
    agents: [agent],
    events,
    threats: [threatOf(threat, events)],
    groundTruth,
  });
  return { scenario, underived, truncated: dvEvents.length > maxEvents };
}
