import type { ScenarioAgent, ScenarioThreat, ThreatIndicator } from '../../scenario.ts';
import type { AttackCatalog } from '../attack/attack-catalog.ts';
import type { ProcessTable } from '../lineage/process-table.ts';
import { numericId } from '../stable-id.ts';
import type { ThreatPlacement } from './place-threat.ts';
import { type TechniqueLabels, tacticName, techniqueLink } from './technique-labels.ts';
import { classificationFor, indicatorCategoryFor } from './threat-classification.ts';

/** The detection fires a few seconds after the behaviour, as an agent's would. */
const DETECTION_DELAY_MS = 4_000;

/** The threat the console shows for a placed detection. */
export function buildThreat({
  scenarioId,
  placement,
  agent,
  table,
  labels,
  attack,
}: {
  scenarioId: string;
  placement: ThreatPlacement;
  agent: ScenarioAgent;
  table: ProcessTable;
  labels: TechniqueLabels;
  attack: AttackCatalog | undefined;
}): ScenarioThreat {
  const process = placement.process;
  const eventTime = Date.parse(String(placement.event['event.time']));
  const eventId = String(placement.event['event.id']);

  return {
    id: numericId(`threat:${scenarioId}`),
    agentId: agent.id,
    eventId,
    storyline: process.storylineId,
    createdAt: new Date(eventTime + DETECTION_DELAY_MS).toISOString(),
    threatName: process.name ?? 'unknown',
    classification: classificationFor(labels.tactics),
    confidenceLevel: placement.method === 'adversary_view' ? 'malicious' : 'suspicious',
    filePath: process.imagePath ?? process.name ?? 'unknown',
    sha1: process.hashes.sha1 ?? null,
    sha256: process.hashes.sha256 ?? null,
    md5: process.hashes.md5 ?? null,
    commandLine: process.cmdline ?? null,
    originatorProcess: table.parentOf(process)?.name ?? null,
    processUser: process.user ?? null,
    initiatedBy: 'agent_policy',
    detectionType: 'dynamic',
    engines: ['DBT - Executables'],
    indicators: indicatorsFor({ placement, labels, attack }),
    incidentStatus: 'unresolved',
    analystVerdict: 'undefined',
    mitigationStatus: 'not_mitigated',
  };
}

function indicatorsFor({
  placement,
  labels,
  attack,
}: {
  placement: ThreatPlacement;
  labels: TechniqueLabels;
  attack: AttackCatalog | undefined;
}): ThreatIndicator[] {
  const indicators: ThreatIndicator[] = labels.techniques.map((technique) => ({
    category: indicatorCategoryFor(technique.tactics[0]),
    description: `Behaviour consistent with ${technique.name ?? technique.id} (${technique.id}).`,
    tactics: technique.tactics.map((tactic) => ({
      name: tacticName(tactic, attack),
      source: 'MITRE' as const,
      techniques: [{ name: technique.id, link: techniqueLink(technique.id) }],
    })),
  }));
  for (const reason of placement.suspicion.reasons) {
    indicators.push({
      category: 'General',
      description: `Suspicious behaviour: ${reason}.`,
      tactics: [],
    });
  }
  return indicators;
}
