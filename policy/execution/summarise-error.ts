import { CasebookError } from '../../lib/casebook-error.ts';
import type { ErrorSummary } from '../held-actions/held-action.ts';

/**
 * The part of a thrown value that is safe and useful to keep: code, fault and message.
 * Casebook errors say who is at fault; anything else is casebook's own failure.
 */
export function summariseError(error: unknown): ErrorSummary {
  if (error instanceof CasebookError) {
    return { code: error.code, fault: error.fault, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNEXPECTED', fault: 'system', message };
}
