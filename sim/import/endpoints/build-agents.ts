import type { ScenarioAgent } from '../../scenario.ts';
import { numericId, uuidHex } from '../stable-id.ts';
import { type HostProfile, mostFrequent } from './host-profile.ts';

const DESKTOP_RELEASES: Record<number, string> = {
  10240: '1507',
  10586: '1511',
  14393: '1607',
  15063: '1703',
  16299: '1709',
  17134: '1803',
  17763: '1809',
  18362: '1903',
  18363: '1909',
  19041: '2004',
  19042: '20H2',
  19043: '21H1',
  19044: '21H2',
  19045: '22H2',
};

const SERVER_RELEASES: Record<number, string> = {
  14393: 'Windows Server 2016',
  17763: 'Windows Server 2019',
  20348: 'Windows Server 2022',
};

const DC_NAME = /DC\d*$/i;

/** Endpoints as the console would list them, one per host of the recording. */
export function buildAgents({
  scenarioId,
  profiles,
  siteName,
}: {
  scenarioId: string;
  profiles: readonly HostProfile[];
  siteName: string;
}): Map<string, ScenarioAgent> {
  const agents = new Map<string, ScenarioAgent>();
  const sorted = [...profiles].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const profile of sorted) {
    agents.set(profile.key, buildAgent({ scenarioId, profile, siteName }));
  }
  return agents;
}

function buildAgent({
  scenarioId,
  profile,
  siteName,
}: {
  scenarioId: string;
  profile: HostProfile;
  siteName: string;
}): ScenarioAgent {
  const computerName = mostFrequent(profile.names) ?? profile.key;
  const isServer = profile.isKdc || DC_NAME.test(computerName);
  const user = mostFrequent(profile.users);
  const userDomain = user?.includes('\\') ? user.split('\\')[0] : undefined;
  const domain =
    mostFrequent(profile.dnsSuffixes) ??
    (userDomain !== undefined && userDomain.toUpperCase() !== profile.key
      ? userDomain
      : 'WORKGROUP');

  return {
    id: numericId(`agent:${scenarioId}:${profile.key}`),
    uuid: uuidHex(`agent:${scenarioId}:${profile.key}`),
    computerName,
    osType: 'windows',
    osName: osNameOf(mostFrequent(profile.builds), isServer),
    machineType: isServer ? 'server' : 'desktop',
    domain,
    siteName,
    groupName: 'Default Group',
    ipAddresses: [...profile.localIps.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([ip]) => ip),
    lastLoggedInUserName: user === undefined ? '' : (user.split('\\').pop() ?? user),
    tags: [],
  };
}

/** The OS name a build number implies; without one only the family is known. */
function osNameOf(build: number | undefined, isServer: boolean): string {
  if (isServer) {
    return (build === undefined ? undefined : SERVER_RELEASES[build]) ?? 'Windows Server';
  }
  if (build === undefined) {
    return 'Windows';
  }
  if (build >= 22000) {
    return `Windows 11 (build ${build})`;
  }
  const release = DESKTOP_RELEASES[build];
  return release === undefined ? `Windows 10 (build ${build})` : `Windows 10 ${release}`;
}
