/**
 * Who is at fault when something fails:
 * - `user`: the caller sent something invalid (bad input, unknown id);
 * - `config`: the deployment is misconfigured;
 * - `upstream`: a system we call (console, ITSM, model provider) failed;
 * - `system`: casebook itself failed.
 */
export type FaultKind = 'user' | 'config' | 'upstream' | 'system';

export abstract class CasebookError extends Error {
  abstract readonly fault: FaultKind;
  /** Stable, machine-readable code such as `CONFIG_INVALID`. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, fault: this.fault, message: this.message };
  }
}
