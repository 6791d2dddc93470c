import type { Logger } from '../../lib/logger.ts';
import type { ApiService } from '../create-api-service.ts';

/**
 * Held actions a stopped process left executing, settled by asking each console whether
 * their effect is there (never by running them again). The ten-minute default leaves an
 * approval running in another process alone; a tenant whose console is down is logged
 * and skipped.
 */
export async function settleInterruptedActions({
  service,
  logger,
  staleAfterMs = 10 * 60_000,
}: {
  service: Pick<ApiService, 'tenants'>;
  logger: Logger;
  staleAfterMs?: number;
}): Promise<number> {
  let settled = 0;
  for (const tenantId of service.tenants.tenantIds()) {
    try {
      const recovered = await service.tenants
        .get(tenantId)
        ?.actions.recoverInterrupted({ staleAfterMs });
      settled += recovered?.length ?? 0;
    } catch (error) {
      logger.warn({ tenantId, error: String(error) }, 'could not settle interrupted actions');
    }
  }

  return settled;
}
