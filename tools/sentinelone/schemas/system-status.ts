import { z } from 'zod';

/** `GET /system/status`: `{"data":{"health":"ok"}}`. */
export const SystemStatus = z.looseObject({ health: z.string() });
export type SystemStatus = z.infer<typeof SystemStatus>;
