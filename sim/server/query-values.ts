import { z } from 'zod';
import { parseTimestamp } from '../store/rest-time.ts';

/**
 * zod pieces for the console's query and filter values. Lists arrive comma-separated in
 * query strings and as arrays (or, from some clients, comma strings) in bodies; both go
 * through the same schema. Every failure message names the parameter, since it becomes
 * the `detail` of a 400.
 */

/**
 * The most items one list filter takes. Far more ids than a console page shows, and it
 * keeps the work one filter can ask for bounded.
 */
export const MAX_LIST_ITEMS = 5_000;

function listInput(name: string) {
  return z.union([z.string(), z.array(z.union([z.string(), z.number()]))], {
    error: (issue) =>
      issue.input === undefined
        ? `${name} is required`
        : `${name} must be a comma-separated string or an array of strings`,
  });
}

function splitList(value: string | (string | number)[]): string[] {
  const parts = typeof value === 'string' ? value.split(',') : value.map(String);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function textList(name: string) {
  return listInput(name).transform((value, ctx) => {
    const items = splitList(value);
    if (items.length === 0) {
      ctx.addIssue({ code: 'custom', message: `${name} must not be empty` });
      return z.NEVER;
    }
    if (items.length > MAX_LIST_ITEMS) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} has ${items.length} items; at most ${MAX_LIST_ITEMS} are allowed`,
      });
      return z.NEVER;
    }
    return items;
  });
}

export function idList(name: string) {
  return textList(name).refine((items) => items.every((item) => /^\d{1,20}$/.test(item)), {
    message: `${name} must be a comma-separated list of numeric ids`,
  });
}

export function enumList<const Values extends readonly [string, ...string[]]>(
  name: string,
  values: Values,
) {
  const allowed = new Set<string>(values);
  return textList(name).transform((items, ctx) => {
    const bad = items.find((item) => !allowed.has(item));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} has an invalid value "${bad}"; allowed values are ${values.join(', ')}`,
      });
      return z.NEVER;
    }
    return items as Values[number][];
  });
}

export function intList(name: string) {
  return textList(name).transform((items, ctx) => {
    const numbers = items.map(Number);
    if (numbers.some((n) => !Number.isSafeInteger(n))) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a comma-separated list of integers`,
      });
      return z.NEVER;
    }
    return numbers;
  });
}

export function timestampValue(name: string) {
  return z
    .union([z.string(), z.number()], {
      error: (issue) =>
        issue.input === undefined ? `${name} is required` : `${name} must be a timestamp`,
    })
    .transform((value, ctx) => {
      const ms = typeof value === 'number' ? value : parseTimestamp(value);
      if (ms === undefined || !Number.isFinite(ms)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be an ISO-8601 timestamp such as 2024-01-01T00:00:00.000000Z`,
        });
        return z.NEVER;
      }
      return ms;
    });
}

export function booleanValue(name: string) {
  return z
    .union([z.string(), z.boolean()], { error: `${name} must be true or false` })
    .transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      const lower = value.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
      return z.NEVER;
    });
}

export function enumValue<const Values extends readonly [string, ...string[]]>(
  name: string,
  values: Values,
) {
  const allowed = `allowed values are ${values.join(', ')}`;
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `${name} is required; ${allowed}`
        : `${name} has an invalid value ${JSON.stringify(issue.input)}; ${allowed}`,
  });
}

/** The four `__gt/__gte/__lt/__lte` parameters of one timestamp field. */
export function timeRangeFields<const Name extends string>(name: Name) {
  return {
    [`${name}__gt`]: timestampValue(`${name}__gt`).optional(),
    [`${name}__gte`]: timestampValue(`${name}__gte`).optional(),
    [`${name}__lt`]: timestampValue(`${name}__lt`).optional(),
    [`${name}__lte`]: timestampValue(`${name}__lte`).optional(),
  } as Record<
    `${Name}__${'gt' | 'gte' | 'lt' | 'lte'}`,
    z.ZodOptional<ReturnType<typeof timestampValue>>
  >;
}

/** Collects the parsed `name__gt...` values into a range, or undefined when none is set. */
export function timeRangeOf(
  values: Record<string, unknown>,
  name: string,
): { gt?: number; gte?: number; lt?: number; lte?: number } | undefined {
  const range: Record<string, number> = {};
  for (const op of ['gt', 'gte', 'lt', 'lte']) {
    const value = values[`${name}__${op}`];
    if (typeof value === 'number') {
      range[op] = value;
    }
  }
  return Object.keys(range).length === 0 ? undefined : range;
}

/**
 * The detail of a 400 for a failed parse: the first problem, with where it was. Messages
 * written here start with the parameter's name, so only the enclosing path is added
 * (`filter.ids must be ...`); zod's own messages get the whole path in front.
 */
export function issueDetail(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) {
    return 'Invalid request';
  }
  const path = issue.path.map(String);
  const last = path.at(-1);
  if (last === undefined) {
    return issue.message;
  }
  if (issue.message.toLowerCase().startsWith(last.toLowerCase())) {
    return [...path.slice(0, -1), issue.message].join('.');
  }
  return `${path.join('.')}: ${issue.message}`;
}
