import { z } from 'zod';

/** The agents of a case run; each id is also the agent's key on the Mastra instance. */
export const AgentId = z.enum(['supervisor', 'triage', 'timeline', 'comms', 'reporter']);
export type AgentId = z.infer<typeof AgentId>;

/** The specialists the supervisor delegates to, in the order it asks them by default. */
export const SPECIALISTS = ['timeline', 'triage', 'comms', 'reporter'] as const;
export type SpecialistId = (typeof SPECIALISTS)[number];

/** Specialists a first look cannot do without; the reporter runs on request. */
export const REQUIRED_SPECIALISTS: readonly SpecialistId[] = ['timeline', 'triage', 'comms'];
