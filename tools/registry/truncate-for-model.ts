const MAX_STRING = 200;
const MAX_ITEMS = 20;
const MAX_KEYS = 40;
const MAX_DEPTH = 6;

/**
 * A bounded copy of a value for an error the model reads back: long strings, long
 * arrays, wide objects and deep nesting are cut and say how much was left out, so a
 * huge or hostile input cannot flood the model's context.
 */
export function truncateForModel(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… (${value.length - MAX_STRING} more characters)`
      : value;
  }
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
  if (depth >= MAX_DEPTH) return '… (nested too deep)';

  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => truncateForModel(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… (${value.length - MAX_ITEMS} more items)`);
    return items;
  }

  const entries = Object.entries(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, MAX_KEYS)) {
    copy[key.slice(0, MAX_STRING)] = truncateForModel(item, depth + 1);
  }
  if (entries.length > MAX_KEYS) copy['…'] = `${entries.length - MAX_KEYS} more keys`;

  return copy;
}
