import { readFileSync } from 'node:fs';
import { EvalInputError, type EvalInputErrorCode } from './eval-input-error.ts';

/**
 * Reads a JSON file the hunter named for an eval; a missing or unreadable file is refused
 * with its path and `code`, so the caller only has to check the shape.
 */
export function readEvalJsonFile({
  path,
  code,
}: {
  path: string;
  code: EvalInputErrorCode;
}): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new EvalInputError({
      code,
      message: missing
        ? `no such file: ${path}`
        : `${path}: not readable JSON (${(cause as Error).message})`,
    });
  }
}
