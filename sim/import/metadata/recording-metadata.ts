import { z } from 'zod';

const Id = z.union([z.string(), z.number()]).transform(String);

const AttackMapping = z.looseObject({
  technique: Id,
  'sub-technique': z.union([z.string(), z.number()]).nullish(),
  tactics: z.array(z.string()).nullish(),
});

/**
 * The `_metadata/*.yaml` that describes an OTRF recording. Only the keys the importer
 * reads are checked; the rest (contributors, notebooks, references) pass through.
 */
export const RecordingMetadata = z.looseObject({
  id: Id,
  title: z.string().nullish(),
  description: z.string().nullish(),
  type: z.string().nullish(),
  attack_mappings: z.array(AttackMapping).nullish(),
  files: z.array(z.looseObject({ type: z.string().nullish(), link: z.string() })).nullish(),
  simulation: z
    .looseObject({
      adversary_view: z.string().nullish(),
      tools: z.array(z.looseObject({ script: z.string().nullish() }).nullable()).nullish(),
    })
    .nullish(),
});
export type RecordingMetadata = z.infer<typeof RecordingMetadata>;
