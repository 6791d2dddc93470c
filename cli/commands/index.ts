import type { Command } from '../command.ts';

export const COMMANDS: readonly Command[] = [];
