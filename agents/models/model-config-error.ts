import { CasebookError } from '../../lib/casebook-error.ts';

export type ModelConfigErrorCode = 'MODEL_SPEC_INVALID' | 'MODEL_KEY_MISSING';

/** A model setting casebook cannot use: a malformed model string or a missing key. */
export class ModelConfigError extends CasebookError {
  readonly fault = 'config';
  readonly code: ModelConfigErrorCode;
  /** The config key or agent the setting belongs to, e.g. `agentModels.triage`. */
  readonly key: string;

  constructor({
    code,
    key,
    message,
    cause,
  }: {
    code: ModelConfigErrorCode;
    key: string;
    message: string;
    cause?: unknown;
  }) {
    super(`${key}: ${message}`, { cause });
    this.code = code;
    this.key = key;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), key: this.key };
  }
}
