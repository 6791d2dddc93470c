import { z } from 'zod';

/**
 * casebook's agents, each with its own model setting (`agentModels.<id>`). The case-run
 * agents are also keys on the Mastra instance; `hunting` writes S1QL for threat hunters
 * (see hunting/) and takes no part in a case run.
 */
export const AgentId = z.enum(['supervisor', 'triage', 'timeline', 'comms', 'reporter', 'hunting']);
export type AgentId = z.infer<typeof AgentId>;

/** The agents of a case run: the supervisor and the specialists it delegates to. */
export const CASE_AGENTS: readonly AgentId[] = [
  'supervisor',
  'triage',
  'timeline',
  'comms',
  'reporter',
];

/** The specialists the supervisor delegates to, in the order it asks them by default. */
export const SPECIALISTS = ['timeline', 'triage', 'comms', 'reporter'] as const;
export type SpecialistId = (typeof SPECIALISTS)[number];

/** Specialists a first look cannot do without; the reporter runs on request. */
export const REQUIRED_SPECIALISTS: readonly SpecialistId[] = ['timeline', 'triage', 'comms'];
