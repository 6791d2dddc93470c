import { createHash } from 'node:crypto';
import type { ActivityRow } from '../activities/activity-log.ts';
import { groupIdOf, SIM_ACCOUNT, siteIdOf } from '../identity/sim-account.ts';
import { toRestTimestamp } from '../rest-time.ts';

function uuidOf(id: string): string {
  const hex = createHash('sha256').update(`activity:${id}`).digest('hex');
  const parts = [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`];
  return [...parts, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

/** An activity (5.5), also the shape of threat timeline items (2.5). */
export function renderActivity(row: ActivityRow): Record<string, unknown> {
  const createdAt = toRestTimestamp(row.created_at);
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const site = row.site_name;
  return {
    accountId: SIM_ACCOUNT.id,
    accountName: SIM_ACCOUNT.name,
    activityType: row.activity_type,
    activityUuid: uuidOf(row.id),
    agentId: row.agent_id,
    agentUpdatedVersion: null,
    comments: null,
    createdAt,
    data: {
      accountId: SIM_ACCOUNT.id,
      accountName: SIM_ACCOUNT.name,
      fullScopeDetails: site === null ? `Account ${SIM_ACCOUNT.name}` : `Site ${site}`,
      fullScopeDetailsPath:
        site === null ? `Global / ${SIM_ACCOUNT.name}` : `Global / ${SIM_ACCOUNT.name} / ${site}`,
      scopeLevel: site === null ? 'Account' : 'Site',
      scopeName: site ?? SIM_ACCOUNT.name,
      ...data,
    },
    description: null,
    groupId: site === null || row.group_name === null ? null : groupIdOf(site, row.group_name),
    groupName: row.group_name,
    hash: null,
    id: row.id,
    osFamily: row.os_type,
    primaryDescription: row.primary_description,
    secondaryDescription: row.secondary_description,
    siteId: site === null ? null : siteIdOf(site),
    siteName: site,
    threatId: row.threat_id,
    updatedAt: createdAt,
    userId: row.user_id,
  };
}
