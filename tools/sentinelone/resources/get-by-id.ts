import { z } from 'zod';
import { NumericId } from '../schemas/common.ts';
import { SentinelOneApiError } from '../sentinelone-api-error.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import { API_PREFIX, type Transport } from '../transport/transport.ts';
import { Signal } from './params.ts';

const ByIdParams = z.strictObject({ id: NumericId, signal: Signal.optional() });

/**
 * One object of a list endpoint, asked for with `ids=`. The console answers an id it does
 * not know with an empty list rather than a 404, so the absence is raised here as a typed
 * `not_found`.
 */
export async function getById<Item extends { id: string }>({
  transport,
  operation,
  path,
  schema,
  noun,
  params,
}: {
  transport: Transport;
  /** The client method, named in the error when the parameters are invalid. */
  operation: string;
  /** The list endpoint under the API prefix, e.g. `/agents`. */
  path: string;
  /** The endpoint's list envelope. */
  schema: z.ZodType<{ data: Item[] }>;
  /** What one item is called in the `not_found` detail, e.g. `agent`. */
  noun: string;
  params: { id: string; signal?: AbortSignal };
}): Promise<Item> {
  const { id, signal } = parseInput(operation, ByIdParams, params);
  const { value, status, attempts } = await transport.request({
    method: 'GET',
    path,
    query: { ids: [id] },
    schema,
    signal,
  });

  const item = value.data.find((candidate) => candidate.id === id);
  if (item === undefined) {
    throw new SentinelOneApiError({
      kind: 'not_found',
      method: 'GET',
      path: `${API_PREFIX}${path}`,
      status,
      attempts,
      detail: `no ${noun} with id ${id}`,
    });
  }
  return item;
}
