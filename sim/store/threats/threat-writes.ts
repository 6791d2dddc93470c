import { recordActivity } from '../activities/activity-log.ts';
import type { ActivityTypeName } from '../activities/activity-types.ts';
import { startNetworkChange } from '../agents/agent-network.ts';
import { findAgent } from '../agents/agent-queries.ts';
import type { SimUser } from '../identity/sim-users.ts';
import type { SimStore } from '../open-sim-store.ts';
import { describeValue } from '../render/describe-values.ts';
import type { MitigationEntry, ThreatRow } from '../render/render-threat.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import { matchThreats, type ThreatFilter } from './threat-queries.ts';

export const ANALYST_VERDICTS = [
  'true_positive',
  'suspicious',
  'false_positive',
  'undefined',
] as const;
export type AnalystVerdict = (typeof ANALYST_VERDICTS)[number];

export const INCIDENT_STATUSES = ['unresolved', 'in_progress', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * What each mitigation does to the threat: the action name its `mitigationStatus[]`
 * entry carries, the threat-level status it leaves, and the operating systems it runs on
 * (rollback is Windows only, remediate macOS and Windows only). Threats on other systems
 * are not affected.
 */
const MITIGATIONS = {
  kill: { entry: 'kill', leaves: 'mitigated', os: null },
  quarantine: { entry: 'quarantine', leaves: 'mitigated', os: null },
  'un-quarantine': { entry: 'un-quarantine', leaves: 'not_mitigated', os: null },
  remediate: { entry: 'remediate', leaves: 'mitigated', os: ['windows', 'macos'] },
  'rollback-remediation': { entry: 'rollback', leaves: 'not_mitigated', os: ['windows'] },
  'network-quarantine': { entry: 'network-quarantine', leaves: null, os: null },
} as const satisfies Record<
  string,
  { entry: string; leaves: string | null; os: readonly string[] | null }
>;

export type MitigationAction = keyof typeof MITIGATIONS;
export const MITIGATION_ACTIONS = Object.keys(MITIGATIONS) as MitigationAction[];

function who(user: SimUser): string {
  return `The management user ${user.fullName} (${user.email})`;
}

function threatName(row: ThreatRow): string {
  return (JSON.parse(row.spec) as { threatName: string }).threatName;
}

function touch(store: SimStore, threatId: string, column: string, value: string): void {
  cachedStatement(store.db, `UPDATE threats SET ${column} = ?, updated_at = ? WHERE id = ?`).run(
    value,
    store.clock.now(),
    threatId,
  );
}

/** The threat fields an analyst sets, as the activity text names them, and their activity. */
const FIELD_CHANGES = {
  analyst_verdict: { label: 'analyst verdict', activity: 'analystVerdictChanged' },
  incident_status: { label: 'incident status', activity: 'incidentStatusChanged' },
} as const satisfies Record<string, { label: string; activity: ActivityTypeName }>;

/** Sets one field on each threat and records every change, with the value it replaced. */
function changeField(
  store: SimStore,
  {
    threats,
    column,
    value,
    user,
  }: { threats: ThreatRow[]; column: keyof typeof FIELD_CHANGES; value: string; user: SimUser },
): void {
  const { label, activity } = FIELD_CHANGES[column];
  for (const threat of threats) {
    touch(store, threat.id, column, value);
    const name = threatName(threat);
    const change = `the ${label} of threat ${name} to ${describeValue(value)}`;
    recordActivity(store, {
      type: activity,
      user,
      threatId: threat.id,
      agentId: threat.agent_id,
      primary: `${who(user)} changed ${change}.`,
      data: { threatName: name, from: threat[column], to: value },
    });
  }
}

export function setAnalystVerdict(
  store: SimStore,
  { filter, verdict, user }: { filter: ThreatFilter; verdict: AnalystVerdict; user: SimUser },
): number {
  return store.db.transaction(() => {
    const threats = matchThreats(store, filter);
    changeField(store, { threats, column: 'analyst_verdict', value: verdict, user });
    return threats.length;
  })();
}

export function setIncidentStatus(
  store: SimStore,
  {
    filter,
    status,
    verdict,
    user,
  }: { filter: ThreatFilter; status: IncidentStatus; verdict?: AnalystVerdict; user: SimUser },
): number {
  return store.db.transaction(() => {
    const threats = matchThreats(store, filter);
    changeField(store, { threats, column: 'incident_status', value: status, user });
    if (verdict !== undefined) {
      setAnalystVerdict(store, { filter: { ids: threats.map((t) => t.id) }, verdict, user });
    }
    return threats.length;
  })();
}

/**
 * Runs a mitigation on every matched threat whose endpoint supports it and appends a
 * `mitigationStatus[]` entry. `network-quarantine` also starts disconnecting the
 * threat's endpoint, unless `agentNetwork.apply` is off (a console that lies).
 */
export function mitigateThreats(
  store: SimStore,
  {
    filter,
    action,
    user,
    agentNetwork,
  }: {
    filter: ThreatFilter;
    action: MitigationAction;
    user: SimUser;
    agentNetwork: { apply: boolean; delayMs: number };
  },
): number {
  const rule = MITIGATIONS[action];
  return store.db.transaction(() => {
    let affected = 0;
    for (const threat of matchThreats(store, filter)) {
      const agent = findAgent(store, threat.agent_id);
      if (rule.os !== null && !(rule.os as readonly string[]).includes(agent?.os_type ?? '')) {
        continue;
      }
      affected += 1;

      const entries = JSON.parse(threat.mitigation_actions) as MitigationEntry[];
      const entry: MitigationEntry = {
        action: rule.entry,
        reportId: store.ids.next(),
        status: 'success',
        at: store.clock.now(),
      };
      cachedStatement(
        store.db,
        `UPDATE threats SET mitigation_actions = ?,
           mitigation_status = coalesce(?, mitigation_status), updated_at = ?
         WHERE id = ?`,
      ).run(JSON.stringify([...entries, entry]), rule.leaves, entry.at, threat.id);

      if (action === 'network-quarantine' && agentNetwork.apply) {
        startNetworkChange(store, {
          agentId: threat.agent_id,
          action: 'disconnect',
          delayMs: agentNetwork.delayMs,
        });
      }
      recordActivity(store, {
        type: 'threatMitigation',
        user,
        threatId: threat.id,
        agentId: threat.agent_id,
        primary: `${who(user)} issued a ${action} mitigation for threat ${threatName(threat)}.`,
        data: { threatName: threatName(threat), action, reportId: entry.reportId },
      });
    }
    return affected;
  })();
}
