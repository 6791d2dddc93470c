import { z } from 'zod';

import { type ItsmClientOptions, transportFor } from '../http/create-itsm-transport-for.ts';
import { ItsmApiError } from '../itsm-api-error.ts';
import {
  IncidentRecord,
  JournalEntry,
  ResultList,
  ResultOne,
  readServiceNowError,
} from './servicenow-schemas.ts';

const TABLE = '/api/now/table';

const SYS_ID = /^[0-9a-f]{32}$/;

/** Encoded-query values may not carry the operators' own characters. */
function queryValue(value: string): string {
  if (/[\^=\n]/.test(value)) {
    throw new ItsmApiError({
      system: 'servicenow',
      kind: 'rejected',
      method: 'GET',
      path: TABLE,
      detail: 'a query value may not contain ^, = or a newline',
    });
  }
  return value;
}

export type IncidentValues = Record<string, string>;

/** The Table API calls casebook makes, typed and checked. */
export interface ServiceNowClient {
  findByCorrelation(input: {
    table: string;
    correlationId: string;
    signal?: AbortSignal;
  }): Promise<IncidentRecord | null>;
  getIncident(input: {
    table: string;
    sysId: string;
    signal?: AbortSignal;
  }): Promise<IncidentRecord | null>;
  createIncident(input: {
    table: string;
    values: IncidentValues;
    /** Values given as display values (a group name instead of its sys_id). */
    displayValues?: boolean;
    signal?: AbortSignal;
  }): Promise<IncidentRecord>;
  updateIncident(input: {
    table: string;
    sysId: string;
    values: IncidentValues;
    displayValues?: boolean;
    signal?: AbortSignal;
  }): Promise<IncidentRecord>;
  /** Work notes and comments of a record, oldest first. */
  listJournal(input: { sysId: string; signal?: AbortSignal }): Promise<JournalEntry[]>;
  /** One row of any table by encoded query, for access checks. */
  probe(input: { table: string; query?: string; signal?: AbortSignal }): Promise<number>;
}

const INCIDENT_FIELDS =
  'sys_id,number,state,short_description,priority,correlation_id,assignment_group';

export function createServiceNowClient(options: ItsmClientOptions): ServiceNowClient {
  const { transport } = transportFor({
    system: 'servicenow',
    options,
    readError: readServiceNowError,
  });
  const tablePath = (table: string, sysId?: string) => {
    if (!/^[a-z][a-z0-9_]*$/.test(table) || (sysId !== undefined && !SYS_ID.test(sysId))) {
      throw new ItsmApiError({
        system: 'servicenow',
        kind: 'rejected',
        method: 'GET',
        path: TABLE,
        detail: 'a table name or sys_id casebook would not send',
      });
    }
    return sysId === undefined ? `${TABLE}/${table}` : `${TABLE}/${table}/${sysId}`;
  };

  /** A create (POST) or update (PATCH) of an incident, answered with the record as stored. */
  const writeIncident = async ({
    method,
    path,
    values,
    displayValues,
    signal,
  }: {
    method: 'POST' | 'PATCH';
    path: string;
    values: IncidentValues;
    displayValues: boolean;
    signal: AbortSignal | undefined;
  }): Promise<IncidentRecord> => {
    const { value } = await transport.request({
      method,
      path,
      query: {
        sysparm_fields: INCIDENT_FIELDS,
        sysparm_exclude_reference_link: 'true',
        sysparm_input_display_value: displayValues ? 'true' : undefined,
      },
      body: values,
      schema: ResultOne(IncidentRecord),
      signal,
    });
    return value.result;
  };

  return {
    async findByCorrelation({ table, correlationId, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: tablePath(table),
        query: {
          sysparm_query: `correlation_id=${queryValue(correlationId)}^ORDERBYsys_created_on`,
          sysparm_fields: INCIDENT_FIELDS,
          sysparm_limit: '1',
          sysparm_exclude_reference_link: 'true',
        },
        schema: ResultList(IncidentRecord),
        signal,
      });
      return value.result[0] ?? null;
    },

    async getIncident({ table, sysId, signal }) {
      try {
        const { value } = await transport.request({
          method: 'GET',
          path: tablePath(table, sysId),
          query: { sysparm_fields: INCIDENT_FIELDS, sysparm_exclude_reference_link: 'true' },
          schema: ResultOne(IncidentRecord),
          signal,
        });
        return value.result;
      } catch (error) {
        if (error instanceof ItsmApiError && error.kind === 'not_found') return null;
        throw error;
      }
    },

    createIncident({ table, values, displayValues = false, signal }) {
      return writeIncident({
        method: 'POST',
        path: tablePath(table),
        values,
        displayValues,
        signal,
      });
    },

    updateIncident({ table, sysId, values, displayValues = false, signal }) {
      const path = tablePath(table, sysId);
      return writeIncident({ method: 'PATCH', path, values, displayValues, signal });
    },

    async listJournal({ sysId, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: tablePath('sys_journal_field'),
        query: {
          sysparm_query:
            `element_id=${queryValue(sysId)}` +
            '^elementINwork_notes,comments^ORDERBYsys_created_on',
          sysparm_limit: '500',
        },
        schema: ResultList(JournalEntry),
        signal,
      });
      return value.result;
    },

    async probe({ table, query, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: tablePath(table),
        query: { sysparm_query: query, sysparm_limit: '1', sysparm_fields: 'sys_id' },
        schema: ResultList(z.looseObject({ sys_id: z.string() })),
        signal,
      });
      return value.result.length;
    },
  };
}
