import type { ScenarioThreat } from '../../scenario.ts';
import { groupIdOf, SIM_ACCOUNT, SIM_AGENT_VERSION, siteIdOf } from '../identity/sim-account.ts';
import { stableId } from '../identity/stable-id.ts';
import { toRestTimestamp } from '../rest-time.ts';
import { describeValue } from './describe-values.ts';
import { type AgentRow, agentAddresses, networkInterfacesOf } from './render-agent.ts';

/** A `threats` row as the store keeps it; `spec` is the scenario's threat as JSON. */
export interface ThreatRow {
  id: string;
  scenario_id: string;
  agent_id: string;
  event_id: string;
  storyline: string;
  classification: string;
  confidence_level: string;
  incident_status: string;
  analyst_verdict: string;
  mitigation_status: string;
  created_at: number;
  updated_at: number;
  spec: string;
  mitigation_actions: string;
}

/** One entry of `mitigationStatus[]`, appended per mitigation action. */
export interface MitigationEntry {
  action: string;
  reportId: string;
  status: 'success' | 'failed';
  at: number;
}

const EXECUTABLE_EXTENSIONS = new Set(['EXE', 'DLL', 'SYS', 'SCR', 'COM', 'MSI', 'ELF', 'BIN']);
const SCRIPT_EXTENSIONS = new Set(['PS1', 'VBS', 'JS', 'BAT', 'CMD', 'HTA', 'PY', 'SH']);

function fileExtensionOf(path: string): string | null {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? null : name.slice(dot + 1).toUpperCase();
}

function extensionTypeOf(extension: string | null): string | null {
  if (extension === null) return null;
  if (EXECUTABLE_EXTENSIONS.has(extension)) return 'Executable';
  if (SCRIPT_EXTENSIONS.has(extension)) return 'Script';
  return 'Unknown';
}

function engineKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function renderMitigation(entry: MitigationEntry): Record<string, unknown> {
  const at = toRestTimestamp(entry.at);
  const ok = entry.status === 'success';
  return {
    action: entry.action,
    actionsCounters: {
      failed: ok ? 0 : 1,
      notFound: 0,
      pendingReboot: 0,
      success: ok ? 1 : 0,
      total: 1,
    },
    agentSupportsReport: true,
    groupNotFound: false,
    lastUpdate: at,
    latestReport: `/threats/mitigation-report/${entry.reportId}`,
    mitigationEndedAt: at,
    mitigationStartedAt: at,
    reportId: entry.reportId,
    status: entry.status,
  };
}

function agentDetectionInfo(agent: AgentRow): Record<string, unknown> {
  const { inet, inet6 } = agentAddresses(agent);
  return {
    accountId: SIM_ACCOUNT.id,
    accountName: SIM_ACCOUNT.name,
    agentDetectionState: 'full_mode',
    agentDomain: agent.domain,
    agentIpV4: inet.join(','),
    agentIpV6: inet6.join(','),
    agentLastLoggedInUpn: null,
    agentLastLoggedInUserMail: null,
    agentLastLoggedInUserName: agent.last_logged_in_user_name,
    agentMitigationMode: 'protect',
    agentOsName: agent.os_name,
    agentOsRevision: null,
    agentRegisteredAt: toRestTimestamp(agent.registered_at),
    agentUuid: agent.uuid,
    agentVersion: SIM_AGENT_VERSION,
    assetVersion: '0',
    cloudProviders: {},
    externalIp: inet[0] ?? '',
    groupId: groupIdOf(agent.site_name, agent.group_name),
    groupName: agent.group_name,
    siteId: siteIdOf(agent.site_name),
    siteName: agent.site_name,
  };
}

function agentRealtimeInfo(agent: AgentRow, activeThreats: number): Record<string, unknown> {
  return {
    accountId: SIM_ACCOUNT.id,
    accountName: SIM_ACCOUNT.name,
    activeThreats,
    agentComputerName: agent.computer_name,
    agentDecommissionedAt: null,
    agentDomain: agent.domain,
    agentId: agent.id,
    agentInfected: activeThreats > 0,
    agentIsActive: true,
    agentIsDecommissioned: false,
    agentMachineType: agent.machine_type,
    agentMitigationMode: 'protect',
    agentNetworkStatus: agent.network_status,
    agentOsName: agent.os_name,
    agentOsRevision: null,
    agentOsType: agent.os_type,
    agentUuid: agent.uuid,
    agentVersion: SIM_AGENT_VERSION,
    groupId: groupIdOf(agent.site_name, agent.group_name),
    groupName: agent.group_name,
    networkInterfaces: networkInterfacesOf(agent),
    operationalState: 'na',
    rebootRequired: false,
    scanAbortedAt: null,
    scanFinishedAt: null,
    scanStartedAt: null,
    scanStatus: 'none',
    siteId: siteIdOf(agent.site_name),
    siteName: agent.site_name,
    storageName: null,
    storageType: null,
    userActionsNeeded: [],
  };
}

const NULL_CONTAINER = {
  id: null,
  image: null,
  isContainerQuarantine: null,
  labels: null,
  name: null,
};
const NULL_ECS = {
  clusterName: null,
  serviceArn: null,
  serviceName: null,
  taskArn: null,
  taskAvailabilityZone: null,
  taskDefinitionArn: null,
  taskDefinitionFamily: null,
  taskDefinitionRevision: null,
  type: null,
  version: null,
};
const NULL_KUBERNETES = {
  cluster: null,
  controllerKind: null,
  controllerLabels: null,
  controllerName: null,
  isContainerQuarantine: null,
  namespace: null,
  namespaceLabels: null,
  node: null,
  nodeLabels: null,
  pod: null,
  podLabels: null,
};

/**
 * The 2.3 threat object. `agentDetectionInfo` and `agentRealtimeInfo` both come from the
 * agent row: scenario endpoints do not change between detection and now, except the
 * network status, which only the realtime part reports.
 */
export function renderThreat({
  row,
  agent,
  activeThreats,
}: {
  row: ThreatRow;
  agent: AgentRow;
  activeThreats: number;
}): Record<string, unknown> {
  const spec = JSON.parse(row.spec) as ScenarioThreat;
  const mitigations = JSON.parse(row.mitigation_actions) as MitigationEntry[];
  const extension = fileExtensionOf(spec.filePath);
  const createdAt = toRestTimestamp(row.created_at);

  return {
    id: row.id,
    agentDetectionInfo: agentDetectionInfo(agent),
    agentRealtimeInfo: agentRealtimeInfo(agent, activeThreats),
    containerInfo: NULL_CONTAINER,
    customDetectionRules: [],
    ecsInfo: NULL_ECS,
    indicators: spec.indicators,
    kubernetesInfo: NULL_KUBERNETES,
    mitigationStatus: mitigations.map(renderMitigation).reverse(),
    threatInfo: {
      analystVerdict: row.analyst_verdict,
      analystVerdictDescription: describeValue(row.analyst_verdict),
      automaticallyResolved: false,
      browserType: null,
      certificateId: null,
      classification: row.classification,
      classificationSource: spec.detectionType === 'static' ? 'Static' : 'Behavioral',
      cloudFilesHashVerdict: null,
      collectionId: stableId('collection', `${spec.sha1 ?? spec.filePath}`),
      confidenceLevel: row.confidence_level,
      createdAt,
      detectionEngines: spec.engines.map((title) => ({ key: engineKey(title), title })),
      detectionType: spec.detectionType,
      engines: spec.engines,
      externalTicketExists: false,
      externalTicketId: null,
      failedActions: mitigations.some((entry) => entry.status === 'failed'),
      fileExtension: extension,
      fileExtensionType: extensionTypeOf(extension),
      filePath: spec.filePath,
      fileSize: 0,
      fileVerificationType: null,
      identifiedAt: createdAt,
      incidentStatus: row.incident_status,
      incidentStatusDescription: describeValue(row.incident_status),
      initiatedBy: spec.initiatedBy,
      initiatedByDescription: describeValue(spec.initiatedBy),
      initiatingUserId: null,
      initiatingUsername: null,
      isFileless: false,
      isValidCertificate: false,
      macroModules: null,
      maliciousProcessArguments: spec.commandLine,
      md5: spec.md5,
      mitigatedPreemptively: false,
      mitigationStatus: row.mitigation_status,
      mitigationStatusDescription: describeValue(row.mitigation_status),
      originatorProcess: spec.originatorProcess,
      pendingActions: false,
      processUser: spec.processUser,
      publisherName: null,
      reachedEventsLimit: false,
      rebootRequired: false,
      rootProcessUpn: null,
      sha1: spec.sha1,
      sha256: spec.sha256,
      storyline: row.storyline,
      threatId: row.id,
      threatName: spec.threatName,
      updatedAt: toRestTimestamp(row.updated_at),
    },
    whiteningOptions: spec.sha1 === null ? ['path'] : ['hash', 'path'],
  };
}
