import { z } from 'zod';
import { NumericId } from './common.ts';

export const NetworkStatus = z.enum(['connected', 'connecting', 'disconnected', 'disconnecting']);
export type NetworkStatus = z.infer<typeof NetworkStatus>;

export const OsType = z.enum(['windows', 'linux', 'macos', 'windows_legacy']);
export type OsType = z.infer<typeof OsType>;

/** A console tag on an endpoint: a bare key (`finance`) or a key with a value. */
export const AgentTag = z.looseObject({
  key: z.string(),
  value: z.string().nullable().optional(),
});

/** An endpoint as `GET /agents` returns it. */
export const Agent = z.looseObject({
  id: NumericId,
  uuid: z.string().min(1),
  computerName: z.string(),
  networkStatus: NetworkStatus,
  osType: OsType,
  tags: z.looseObject({ sentinelone: z.array(AgentTag).default([]) }).optional(),
});

/**
 * An endpoint's tags as policy conditions name them: each key, and `key:value` for a tag
 * with a value, so `domain-controller` and `role:domain-controller` can both be written.
 */
export function agentTagNames(agent: Pick<Agent, 'tags'>): string[] {
  const names = (agent.tags?.sentinelone ?? []).flatMap((tag) =>
    tag.value === null || tag.value === undefined || tag.value === ''
      ? [tag.key]
      : [tag.key, `${tag.key}:${tag.value}`],
  );
  return [...new Set(names)].sort();
}
export type Agent = z.infer<typeof Agent>;
