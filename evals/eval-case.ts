import { z } from 'zod';

export const EVAL_CASES_SCHEMA_VERSION = 1;

/**
 * One source of cases to replay: a built-in scenario by id, a scenario file, or OTRF
 * recordings (a file or a folder) imported on the fly, their metadata giving the truth.
 */
export const EvalCase = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin'), scenarioId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('scenario'), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal('recording'), path: z.string().min(1) }),
]);
export type EvalCase = z.infer<typeof EvalCase>;

export const EvalCaseList = z.strictObject({
  schemaVersion: z.literal(EVAL_CASES_SCHEMA_VERSION),
  cases: z.array(EvalCase).min(1),
});
export type EvalCaseList = z.infer<typeof EvalCaseList>;
