import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

import { ConfigError, type ConfigProblem } from './config-error.ts';
import { Config, ENV_KEYS } from './config-schema.ts';

const DEFAULT_FILES = ['casebook.config.json', 'casebook.config.yaml', 'casebook.config.yml'];

type Tree = Record<string, unknown>;

/**
 * Builds the configuration from an optional file plus environment variables (which win),
 * validated as a whole. Any bad value stops start-up with a `ConfigError` naming the key,
 * where it came from and what was expected.
 */
export function loadConfig({
  env = process.env,
  cwd = process.cwd(),
  file,
}: {
  env?: Record<string, string | undefined>;
  cwd?: string;
  file?: string;
} = {}): Config {
  const path = findConfigFile({ env, cwd, file });
  const tree: Tree = path ? readConfigFile(path) : {};
  const sources = new Map<string, string>();
  const problems: ConfigProblem[] = [];

  for (const [name, spec] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;

    const key = spec.key.join('.');
    sources.set(key, name);
    if (spec.type === 'integer' && !/^-?\d+$/.test(raw.trim())) {
      problems.push({ key, source: name, expected: 'an integer', received: show(key, raw) });
      continue;
    }
    setPath(tree, spec.key, spec.type === 'integer' ? Number(raw.trim()) : raw);
  }

  const parsed = Config.safeParse(tree);
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, tree, sources, path));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  return parsed.data;
}

function findConfigFile({
  env,
  cwd,
  file,
}: {
  env: Record<string, string | undefined>;
  cwd: string;
  file: string | undefined;
}): string | undefined {
  const named = file ?? env.CASEBOOK_CONFIG;
  if (named) {
    const path = resolve(cwd, named);
    if (!existsSync(path)) {
      throw new ConfigError([
        { key: '(file)', source: path, expected: 'an existing config file', received: 'nothing' },
      ]);
    }
    return path;
  }

  return DEFAULT_FILES.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
}

function readConfigFile(path: string): Tree {
  let value: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError([
      { key: '(file)', source: path, expected: 'valid JSON or YAML', received: reason },
    ]);
  }

  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError([
      { key: '(file)', source: path, expected: 'an object at the top level', received: 'other' },
    ]);
  }

  return value as Tree;
}

function describeIssues(
  issues: z.core.$ZodIssue[],
  tree: Tree,
  sources: Map<string, string>,
  path: string | undefined,
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => [...issue.path, k].join('.'))
        : [issue.path.join('.') || '(root)'];

    return keys.map((key) => {
      const value = getPath(tree, key.split('.'));
      return {
        key,
        source: sources.get(key) ?? path ?? 'defaults',
        expected: issue.code === 'unrecognized_keys' ? 'no such key' : expectation(issue),
        received: value === undefined ? undefined : show(key, value),
      };
    });
  });
}

/** What the key needed, phrased to follow the word "expected". */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return `${issue.origin === 'number' ? 'a number' : 'a value'} of at most ${issue.maximum}`;
    case 'too_small':
      return `${issue.origin === 'number' ? 'a number' : 'a value'} of at least ${issue.minimum}`;
    case 'invalid_type':
      return `a value of type ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Renders a received value for an error message, hiding anything secret. */
function show(key: string, value: unknown): string {
  if (/token|secret|password/i.test(key)) return '[redacted]';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function setPath(tree: Tree, keys: string[], value: unknown): void {
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1] as string] = value;
}

function getPath(tree: Tree, keys: string[]): unknown {
  let node: unknown = tree;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Tree)[key];
  }
  return node;
}
