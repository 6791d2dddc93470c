import { z } from 'zod';
import { dataEnvelope } from '../schemas/envelope.ts';
import { SystemStatus } from '../schemas/system-status.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import type { Transport } from '../transport/transport.ts';
import { Signal } from './params.ts';

const StatusParams = z.strictObject({ signal: Signal.optional() });
const StatusBody = dataEnvelope(SystemStatus);

export interface SystemApi {
  /** `GET /system/status`: a cheap check that the console answers. */
  systemStatus(params?: { signal?: AbortSignal }): Promise<SystemStatus>;
}

export function createSystemApi({ transport }: { transport: Transport }): SystemApi {
  return {
    systemStatus: async (params = {}) => {
      const { signal } = parseInput('systemStatus', StatusParams, params);
      const { value } = await transport.request({
        method: 'GET',
        path: '/system/status',
        schema: StatusBody,
        signal,
      });
      return value.data;
    },
  };
}
