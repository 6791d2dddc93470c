import { safeText } from '../document/safe-text.ts';
import type { ItsmClientOptions } from '../http/create-itsm-transport-for.ts';
import { ItsmApiError } from '../itsm-api-error.ts';
import type {
  AccessCheck,
  TicketFields,
  TicketSnapshot,
  TicketStatus,
  TicketSystem,
} from '../ticket-system.ts';
import { createServiceNowClient } from './servicenow-client.ts';
import type { IncidentRecord } from './servicenow-schemas.ts';
import { ServiceNowSettings, type ServiceNowSettingsInput } from './servicenow-settings.ts';
import { neutraliseServiceNowText, toServiceNowText } from './to-servicenow-text.ts';

const NEW = '1';
const IN_PROGRESS = '2';
const ON_HOLD = '3';
const RESOLVED = '6';
const CLOSED = '7';

function statusOf(state: string): TicketStatus {
  if (state === RESOLVED || state === CLOSED || state === '8') return 'resolved';
  if (state === IN_PROGRESS || state === ON_HOLD) return 'in_progress';
  return 'open';
}

function snapshot(record: IncidentRecord): TicketSnapshot {
  return {
    ref: { system: 'servicenow', id: record.sys_id, key: record.number },
    summary: record.short_description,
    status: statusOf(record.state),
    rawStatus: record.state,
    correlationKey: record.correlation_id === '' ? null : (record.correlation_id ?? null),
    priority: record.priority ?? null,
  };
}

// The journal's sys_created_on is UTC in `yyyy-MM-dd HH:mm:ss`.
function journalTime(text: string): number {
  const at = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(at) ? 0 : at;
}

const SYS_ID = /^[0-9a-f]{32}$/;

/** Incidents (or security incidents) on ServiceNow as casebook tickets. */
export function createServiceNowTicketSystem({
  client: clientOptions,
  settings: settingsInput = {},
}: {
  client: ItsmClientOptions;
  settings?: ServiceNowSettingsInput;
}): TicketSystem {
  const settings = ServiceNowSettings.parse(settingsInput);
  const client = createServiceNowClient(clientOptions);
  const table = settings.table;
  const groupByName =
    settings.assignmentGroup !== undefined && !SYS_ID.test(settings.assignmentGroup);

  const content = (fields: TicketFields) => ({
    // A single line: the short description is a list column everywhere.
    short_description: neutraliseServiceNowText(fields.summary.replace(/\s+/g, ' ')).slice(0, 160),
    description: toServiceNowText(fields.document),
    // Priority is computed by the instance from these two; casebook never writes it.
    impact: String(fields.impact),
    urgency: String(fields.urgency),
  });

  return {
    system: 'servicenow',

    async find(correlationKey, signal) {
      const record = await client.findByCorrelation({
        table,
        correlationId: correlationKey,
        signal,
      });
      return record === null ? null : snapshot(record);
    },

    async get(ref, signal) {
      const record = await client.getIncident({ table, sysId: ref.id, signal });
      return record === null ? null : snapshot(record);
    },

    async create(fields, signal, onCreated) {
      const values: Record<string, string> = {
        ...settings.fields,
        ...content(fields),
        correlation_id: fields.correlationKey,
        correlation_display: 'casebook',
        contact_type: 'integration',
      };
      if (settings.assignmentGroup !== undefined)
        values.assignment_group = settings.assignmentGroup;
      if (settings.category !== undefined) values.category = settings.category;

      // One POST carries the correlation marks: there is nothing left to finish later.
      const created = snapshot(
        await client.createIncident({ table, values, displayValues: groupByName, signal }),
      );
      onCreated?.(created.ref);
      return created;
    },

    async update(ref, fields, signal) {
      return snapshot(
        await client.updateIncident({ table, sysId: ref.id, values: content(fields), signal }),
      );
    },

    async addNote(ref, { text, internal }, signal) {
      const field = internal ? 'work_notes' : 'comments';
      await client.updateIncident({
        table,
        sysId: ref.id,
        values: { [field]: neutraliseServiceNowText(text, { block: true }) },
        signal,
      });
      // A journal write returns the record, not the entry; the entry is found by listing.
      const entries = await client.listJournal({ sysId: ref.id, signal });
      const last = entries.filter((entry) => entry.element === field).at(-1);
      return { id: last?.sys_id ?? `${ref.id}:${field}` };
    },

    async listNotes(ref, signal) {
      const entries = await client.listJournal({ sysId: ref.id, signal });
      return entries.map((entry) => ({
        id: entry.sys_id,
        author: entry.sys_created_by,
        text: entry.value,
        createdAt: journalTime(entry.sys_created_on),
        internal: entry.element === 'work_notes',
      }));
    },

    async transition(ref, to, signal) {
      const current = await client.getIncident({ table, sysId: ref.id, signal });
      if (current === null) {
        throw new ItsmApiError({
          system: 'servicenow',
          kind: 'not_found',
          method: 'GET',
          path: `/api/now/table/${table}`,
          detail: `incident ${ref.key} is gone or hidden by an ACL`,
        });
      }
      if (statusOf(current.state) === to) return snapshot(current);

      const values: Record<string, string> =
        to === 'resolved'
          ? {
              state: RESOLVED,
              close_code: settings.closeCode,
              close_notes: safeText('Resolved in casebook: the case was closed by the MDR team.'),
            }
          : // Reopening a resolved incident puts it back in progress, as the state model does.
            { state: to === 'open' && current.state === NEW ? NEW : IN_PROGRESS };

      return snapshot(await client.updateIncident({ table, sysId: ref.id, values, signal }));
    },

    async checkAccess(signal) {
      const checks: AccessCheck[] = [];
      try {
        await client.probe({ table, signal });
        checks.push({ check: 'auth', outcome: 'passed', detail: 'the credentials were accepted' });
        checks.push({ check: 'read', outcome: 'passed', detail: `can read the ${table} table` });
      } catch (error) {
        const auth = error instanceof ItsmApiError && error.status === 401;
        checks.push({
          check: 'auth',
          outcome: auth ? 'failed' : 'passed',
          detail: auth ? String((error as Error).message) : 'the credentials were accepted',
        });
        checks.push({
          check: 'read',
          outcome: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        });
        return [...checks, notChecked()];
      }

      if (settings.assignmentGroup !== undefined) {
        const query = groupByName
          ? `name=${settings.assignmentGroup}`
          : `sys_id=${settings.assignmentGroup}`;
        try {
          const found = await client.probe({ table: 'sys_user_group', query, signal });
          checks.push({
            check: 'read',
            outcome: found > 0 ? 'passed' : 'failed',
            detail:
              found > 0
                ? `assignment group ${settings.assignmentGroup} exists`
                : `no assignment group ${settings.assignmentGroup} is visible to this user`,
          });
        } catch (error) {
          checks.push({
            check: 'read',
            outcome: 'failed',
            detail: error instanceof Error ? error.message : String(error),
          });
        }
      }

      return [...checks, notChecked()];
    },
  };

  function notChecked(): AccessCheck {
    return {
      check: 'create',
      outcome: 'not_checked',
      detail:
        `the Table API has no dry run, so creating in ${table} is not tried; ` +
        'the first sync proves it (ACLs can refuse it with 403)',
    };
  }
}
