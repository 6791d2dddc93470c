import { z } from 'zod';

/**
 * Which process the results are counted by: the one the events are about (`process`), or
 * its parent (`parent`, after "show the parents").
 */
export const HuntFocus = z.enum(['process', 'parent']);
export type HuntFocus = z.infer<typeof HuntFocus>;
