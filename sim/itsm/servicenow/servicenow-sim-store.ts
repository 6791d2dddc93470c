import { createHash } from 'node:crypto';

/** A row of any simulated table: every value a string, references as sys_ids. */
export type SnRow = Record<string, string>;

/** Fields that point at other tables, and which. */
export const REFERENCE_FIELDS: Record<string, string> = {
  assignment_group: 'sys_user_group',
  opened_by: 'sys_user',
  caller_id: 'sys_user',
};

export const JOURNAL_FIELDS = ['work_notes', 'comments'] as const;

/** The simulated instance's tables, in memory. */
export interface ServiceNowSimStore {
  tables: Map<string, Map<string, SnRow>>;
  nextNumber: number;
  nextId(seed: string): string;
}

export function createServiceNowSimStore({
  groups = [{ name: 'Service Desk' }, { name: 'Security Operations' }],
}: {
  groups?: { name: string }[];
} = {}): ServiceNowSimStore {
  let counter = 0;
  const nextId = (seed: string) => {
    counter += 1;
    return createHash('md5').update(`${seed}:${counter}`).digest('hex');
  };
  const groupRows = new Map<string, SnRow>();
  for (const group of groups) {
    const sysId = nextId(`group:${group.name}`);
    groupRows.set(sysId, { sys_id: sysId, name: group.name, active: 'true' });
  }

  return {
    tables: new Map([
      ['incident', new Map()],
      ['sn_si_incident', new Map()],
      ['sys_journal_field', new Map()],
      ['sys_user_group', groupRows],
    ]),
    nextNumber: 10001,
    nextId,
  };
}
