import { toolFactory } from '../../registry/define-tool.ts';
import type { SentinelOneClient } from '../sentinelone-client.ts';

const READS = [
  'getThreat',
  'listThreatNotes',
  'iterateThreatNotes',
  'getThreatTimeline',
  'iterateThreatEvents',
  'runDvQuery',
  'getAgent',
] as const satisfies readonly (keyof SentinelOneClient)[];

const WRITES = [
  'addThreatNote',
  'setAnalystVerdict',
  'setIncidentStatus',
  'mitigateThreats',
  'disconnectAgents',
  'connectAgents',
] as const satisfies readonly (keyof SentinelOneClient)[];

export type SentinelOneReads = Pick<SentinelOneClient, (typeof READS)[number]>;
export type SentinelOneWrites = Pick<SentinelOneClient, (typeof WRITES)[number]>;

/** What the SentinelOne tools act through; see `ToolCapabilities`. */
export interface SentinelOneCapabilities {
  reads: { sentinelone: SentinelOneReads };
  writes: { sentinelone: SentinelOneWrites };
}

/**
 * Splits a client into the two halves the gate hands out. The read half is a new
 * object holding only read methods, so a read tool has no write method to call even
 * by mistake.
 */
export function sentinelOneCapabilities(client: SentinelOneClient): SentinelOneCapabilities {
  const reads = Object.fromEntries(READS.map((name) => [name, client[name]])) as SentinelOneReads;
  const writes = Object.fromEntries(
    WRITES.map((name) => [name, client[name]]),
  ) as SentinelOneWrites;

  return {
    reads: { sentinelone: Object.freeze(reads) },
    writes: { sentinelone: Object.freeze(writes) },
  };
}

/** Declares a tool over the SentinelOne client (see `defineTool`). */
export const defineSentinelOneTool = toolFactory<SentinelOneCapabilities>();
