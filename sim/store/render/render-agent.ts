import { groupIdOf, SIM_ACCOUNT, SIM_AGENT_VERSION, siteIdOf } from '../identity/sim-account.ts';
import { stableId } from '../identity/stable-id.ts';
import { toRestTimestamp } from '../rest-time.ts';

/** An `agents` row as the store keeps it. */
export interface AgentRow {
  id: string;
  uuid: string;
  scenario_id: string;
  computer_name: string;
  os_type: string;
  os_name: string;
  machine_type: string;
  domain: string;
  site_name: string;
  group_name: string;
  ip_addresses: string;
  last_logged_in_user_name: string;
  tags: string;
  network_status: string;
  pending_network_status: string | null;
  pending_due_at: number | null;
  registered_at: number;
  updated_at: number;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function agentAddresses(row: AgentRow): { inet: string[]; inet6: string[] } {
  const all = JSON.parse(row.ip_addresses) as string[];
  return {
    inet: all.filter((ip) => IPV4.test(ip)),
    inet6: all.filter((ip) => !IPV4.test(ip)),
  };
}

export function networkInterfacesOf(row: AgentRow): Record<string, unknown>[] {
  const { inet, inet6 } = agentAddresses(row);
  if (inet.length === 0 && inet6.length === 0) {
    return [];
  }
  return [
    {
      gatewayIp: null,
      gatewayMacAddress: null,
      id: stableId('nic', row.id),
      inet,
      inet6,
      name: row.os_type === 'windows' ? 'Ethernet' : 'eth0',
      physical: macOf(row.id),
    },
  ];
}

function macOf(agentId: string): string {
  const digits = stableId('mac', agentId).slice(-12);
  return digits.match(/../g)?.join(':') ?? digits;
}

function tagsOf(row: AgentRow): Record<string, unknown>[] {
  return (JSON.parse(row.tags) as string[]).map((tag) => {
    const [key = tag, value = null] = tag.split(/[:=](.*)/s);
    return { id: stableId('tag', tag), key, value };
  });
}

function osArchOf(row: AgentRow): string {
  return row.os_type === 'macos' && row.os_name.includes('ARM') ? 'ARM64' : '64 bit';
}

/** The 4.1 agent object of `GET /agents`. */
export function renderAgent(row: AgentRow): Record<string, unknown> {
  const { inet } = agentAddresses(row);
  const siteId = siteIdOf(row.site_name);
  const registeredAt = toRestTimestamp(row.registered_at);
  return {
    accountId: SIM_ACCOUNT.id,
    accountName: SIM_ACCOUNT.name,
    activeDirectory: {
      computerDistinguishedName: null,
      computerMemberOf: [],
      lastUserDistinguishedName: null,
      lastUserMemberOf: [],
    },
    activeThreats: 0,
    agentVersion: SIM_AGENT_VERSION,
    allowRemoteShell: false,
    appsVulnerabilityStatus: 'up_to_date',
    cloudProviders: {},
    computerName: row.computer_name,
    consoleMigrationStatus: 'N/A',
    coreCount: 4,
    cpuCount: 4,
    createdAt: registeredAt,
    domain: row.domain,
    encryptedApplications: false,
    externalId: null,
    externalIp: inet[0] ?? null,
    firewallEnabled: 'True',
    groupId: groupIdOf(row.site_name, row.group_name),
    groupName: row.group_name,
    id: row.id,
    inRemoteShellSession: false,
    infected: false,
    installerType: row.os_type === 'windows' ? '.msi' : 'unknown',
    isActive: true,
    isDecommissioned: false,
    isPendingUninstall: false,
    isUninstalled: false,
    isUpToDate: 'True',
    lastActiveDate: toRestTimestamp(row.updated_at),
    lastIpToMgmt: inet[0] ?? null,
    lastLoggedInUserName: row.last_logged_in_user_name,
    locationEnabled: false,
    locationType: 'not_supported',
    locations: null,
    machineType: row.machine_type,
    mitigationMode: 'protect',
    mitigationModeSuspicious: 'detect',
    modelName: null,
    networkInterfaces: networkInterfacesOf(row),
    networkQuarantineEnabled: false,
    networkStatus: row.network_status,
    operationalState: 'na',
    operationalStateExpiration: null,
    osArch: osArchOf(row),
    osName: row.os_name,
    osRevision: null,
    osStartTime: registeredAt,
    osType: row.os_type,
    osUsername: null,
    rangerStatus: 'NotApplicable',
    rangerVersion: null,
    registeredAt,
    remoteProfilingState: 'disabled',
    remoteProfilingStateExpiration: null,
    scanAbortedAt: null,
    scanFinishedAt: null,
    scanStartedAt: null,
    scanStatus: 'none',
    siteId,
    siteName: row.site_name,
    tags: { sentinelone: tagsOf(row) },
    threatRebootRequired: false,
    totalMemory: 16384,
    updatedAt: toRestTimestamp(row.updated_at),
    userActionsNeeded: [],
    uuid: row.uuid,
  };
}
