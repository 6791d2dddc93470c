import { z } from 'zod';

import { NumericId } from '../schemas/common.ts';

export const ThreatId = NumericId.describe('a SentinelOne threat id (digits)');
export const AgentId = NumericId.describe('a SentinelOne agent id (digits)');

/** A bulk write aims at an explicit list; the cap keeps one call's blast radius readable. */
export const ThreatIds = z
  .array(ThreatId)
  .min(1, 'name at least one threat')
  .max(100, 'at most 100 threats per call')
  .describe('the threats to act on');

export const AgentIds = z
  .array(AgentId)
  .min(1, 'name at least one agent')
  .max(500, 'at most 500 agents per call')
  .describe('the endpoints (agent ids) to act on');

export const Affected = z.strictObject({ affected: z.number().int().nonnegative() });
