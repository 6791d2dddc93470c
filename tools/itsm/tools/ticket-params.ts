import { z } from 'zod';

export const TicketRefInput = z.strictObject({
  system: z.enum(['servicenow', 'jira']),
  id: z.string().min(1).max(64),
  key: z.string().min(1).max(64),
});

export const CorrelationKey = z
  .string()
  .regex(/^[A-Za-z0-9:._-]{1,200}$/, 'letters, digits and : . _ - only')
  .describe('the case’s correlation key, e.g. casebook:acme:1234567890');

export const TicketStatusInput = z.enum(['open', 'in_progress', 'resolved']);

export const TicketOutput = z.strictObject({
  ref: TicketRefInput,
  status: TicketStatusInput,
  rawStatus: z.string(),
});
