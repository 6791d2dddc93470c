import { stableId } from './stable-id.ts';

/** The one account the simulated console has; every site belongs to it. */
export const SIM_ACCOUNT = {
  id: stableId('account', 'casebook-sim'),
  name: 'Casebook Simulator',
} as const;

export function siteIdOf(siteName: string): string {
  return stableId('site', siteName);
}

export function groupIdOf(siteName: string, groupName: string): string {
  return stableId('group', `${siteName}/${groupName}`);
}

/** Agent version the simulated endpoints report. */
export const SIM_AGENT_VERSION = '24.1.4.257';
