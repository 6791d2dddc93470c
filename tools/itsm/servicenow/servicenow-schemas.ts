import { z } from 'zod';

/**
 * A reference field as the Table API sends it: a sys_id string (with
 * `sysparm_exclude_reference_link`), `{link, value}`, or `{display_value, value}`.
 */
export const ReferenceField = z.union([
  z.string(),
  z.looseObject({ value: z.string(), link: z.string().optional() }),
  z.looseObject({ value: z.string(), display_value: z.string() }),
]);

export function referenceValue(field: z.infer<typeof ReferenceField> | undefined): string {
  if (field === undefined) return '';
  return typeof field === 'string' ? field : field.value;
}

/** An incident row: every value is a string; reference fields as above. */
export const IncidentRecord = z.looseObject({
  sys_id: z.string().regex(/^[0-9a-f]{32}$/),
  number: z.string(),
  state: z.string(),
  short_description: z.string(),
  priority: z.string().optional(),
  correlation_id: z.string().optional(),
  assignment_group: ReferenceField.optional(),
});
export type IncidentRecord = z.infer<typeof IncidentRecord>;

export const JournalEntry = z.looseObject({
  sys_id: z.string(),
  element: z.string(),
  element_id: z.string(),
  value: z.string(),
  sys_created_by: z.string(),
  sys_created_on: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const ResultOne = <T extends z.ZodType>(row: T) => z.looseObject({ result: row });
export const ResultList = <T extends z.ZodType>(row: T) => z.looseObject({ result: z.array(row) });

/** `{"error":{"message","detail"},"status":"failure"}` */
export const ServiceNowErrorBody = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    detail: z.string().nullish(),
  }),
  status: z.string().optional(),
});

export function readServiceNowError(body: unknown): string | null {
  const parsed = ServiceNowErrorBody.safeParse(body);
  if (!parsed.success) return null;
  const { message, detail } = parsed.data.error;
  const parts = [message, detail].filter((part): part is string => !!part && part !== '');

  return parts.length === 0 ? null : parts.join(': ');
}
