import { z } from 'zod';
import { NumericId } from './common.ts';

export const NetworkStatus = z.enum(['connected', 'connecting', 'disconnected', 'disconnecting']);
export type NetworkStatus = z.infer<typeof NetworkStatus>;

export const OsType = z.enum(['windows', 'linux', 'macos', 'windows_legacy']);
export type OsType = z.infer<typeof OsType>;

/** An endpoint as `GET /agents` returns it. */
export const Agent = z.looseObject({
  id: NumericId,
  uuid: z.string().min(1),
  computerName: z.string(),
  networkStatus: NetworkStatus,
  osType: OsType,
});
export type Agent = z.infer<typeof Agent>;
