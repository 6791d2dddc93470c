import type { S1qlExpr } from '../../tools/s1ql/index.ts';
import {
  allOf,
  anyOf,
  containsAnycase,
  equals,
  inAnycase,
  inExactly,
  isBoolean,
  not,
  stringMatch,
} from '../query/s1ql-nodes.ts';
import type { HuntEntity, HuntFlag, ProgramRole } from './hunt-entity.ts';
import { type HuntIntent, INTENTS } from './hunt-intent.ts';
import {
  INTERMEDIATE_SHELL,
  INTERNAL_ADDRESS_PATTERN,
  OFFICE_PROGRAMS,
} from './hunt-vocabulary.ts';

export interface ComposedQuery {
  readonly root: S1qlExpr;
  /** The intent after the entities had their say (a domain turns "any" into DNS). */
  readonly intent: HuntIntent;
  /** Conditions beyond the event type; zero means the query is as broad as its type. */
  readonly conditions: number;
  /** What the translator decided on the hunter's behalf, in plain words. */
  readonly notes: string[];
}

const DOWNLOAD_MARKERS = [
  'DownloadString',
  'DownloadFile',
  'Invoke-WebRequest',
  'iwr ',
  'wget ',
  'curl ',
  'Start-BitsTransfer',
  '/transfer',
  '-urlcache',
];

/**
 * Builds the S1QL tree for an intent and the entities of a question. Values for the same
 * field are merged into one list; excluded values become NOT conditions; each field is
 * the catalogue field the intent's events carry (a started program is `TgtProcName` in a
 * process start, an acting one `SrcProcName` elsewhere).
 */
export function composeQuery(intent: HuntIntent, entities: readonly HuntEntity[]): ComposedQuery {
  const notes: string[] = [];
  const chosen = refineIntent(intent, entities, notes);
  const conditions = composeConditions(chosen, entities, notes);
  const types = eventTypesOf(chosen, entities);
  const typeCondition =
    types.length === 0
      ? []
      : [types.length === 1 ? equals('EventType', types[0] ?? '') : inAnycase('EventType', types)];

  return {
    root: allOf([...typeCondition, ...order(conditions)]),
    intent: chosen,
    conditions: conditions.length,
    notes,
  };
}

/** The conditions an intent's entities make, without the event type; used by follow-ups. */
export function composeConditions(
  chosen: HuntIntent,
  entities: readonly HuntEntity[],
  notes: string[] = [],
): S1qlExpr[] {
  const lists = new Map<string, { names: string[]; negated: boolean; exact: boolean }>();
  const conditions: S1qlExpr[] = [];

  const addList = (field: string, values: readonly string[], negated: boolean, exact = true) => {
    const key = `${field}|${negated}|${exact}`;
    const entry = lists.get(key) ?? { names: [], negated, exact };
    entry.names.push(...values);
    lists.set(key, entry);
  };
  const add = (expr: S1qlExpr, negated = false) => conditions.push(negated ? not(expr) : expr);

  for (const entity of entities) {
    switch (entity.kind) {
      case 'program': {
        const throughShell = throughShellCondition(chosen, entity, entities);
        if (throughShell !== undefined) {
          add(throughShell);
          notes.push(
            `a program started by ${entity.label} also matches through a ${INTERMEDIATE_SHELL} ` +
              `in between (${entity.names[0]} -> ${INTERMEDIATE_SHELL} -> ...); longer chains ` +
              'are not followed',
          );
          break;
        }
        const fields = programFields(chosen, entity.role);
        if (fields.length === 1) addList(fields[0] ?? '', entity.names, entity.negated);
        else add(anyOf(fields.map((f) => inAnycase(f, entity.names))), entity.negated);
        break;
      }
      case 'fileName':
        add(fileNameCondition(chosen, entity.name), entity.negated);
        break;
      case 'text':
        add(textCondition(chosen, [entity.text]), entity.negated);
        break;
      case 'hash':
        add(hashCondition(chosen, entity.algorithm, entity.value));
        break;
      case 'ip':
        for (const field of ipFields(chosen, entity.role))
          addList(field, [entity.value], entity.negated);
        break;
      case 'port':
        addList('DstPort', entity.values, entity.negated);
        break;
      case 'service':
        if (chosen === 'logon' && entity.name === 'rdp') {
          add(equals('LoginType', 'REMOTE_INTERACTIVE'));
        } else if (chosen === 'network' || chosen === 'listen') {
          addList(chosen === 'listen' ? 'SrcPort' : 'DstPort', entity.ports, false);
        } else {
          notes.push(`"${entity.name}" names a protocol; it narrows only connections and logons`);
        }
        break;
      case 'domain':
        add(domainCondition(chosen, entity.value), entity.negated);
        break;
      case 'url':
        add(urlCondition(chosen, entity.value));
        break;
      case 'registry':
        add(
          chosen === 'registry'
            ? stringMatch('RegistryKeyPath', 'contains', entity.fragment)
            : textCondition(chosen, [entity.fragment]),
          entity.negated,
        );
        break;
      case 'path':
        add(stringMatch(pathField(chosen), 'contains', entity.fragment), entity.negated);
        break;
      case 'extension':
        if (chosen === 'module') add(stringMatch('ModulePath', 'endsWith', `.${entity.values[0]}`));
        else if (chosen === 'file_write' || chosen === 'file_delete')
          addList('TgtFileExtension', entity.values, false);
        break;
      case 'user':
        add(userCondition(chosen, entity.value), entity.negated);
        break;
      case 'host':
        addList('EndpointName', [entity.value], entity.negated);
        break;
      case 'method':
        break;
      case 'flag': {
        const condition = flagCondition(chosen, entity.flag);
        if (condition !== undefined) add(condition);
        break;
      }
    }
  }

  for (const [key, entry] of lists) {
    const field = key.split('|')[0] ?? '';
    add(inAnycase(field, entry.names), entry.negated);
  }

  return conditions;
}

/** The intent's event types, narrowed where the question said which ones. */
function eventTypesOf(intent: HuntIntent, entities: readonly HuntEntity[]): readonly string[] {
  const methods = entities.flatMap((entity) => (entity.kind === 'method' ? [entity.method] : []));
  if (intent === 'url' && methods.length > 0) return methods;
  const failed = entities.some((entity) => entity.kind === 'flag' && entity.flag === 'failed');
  if (intent === 'dns' && failed) return ['DNS Unresolved'];
  return INTENTS[intent].eventTypes;
}

/** Positive conditions first, exclusions last: the order hunters read and write them. */
function order(conditions: readonly S1qlExpr[]): S1qlExpr[] {
  return [
    ...conditions.filter((c) => c.kind !== 'not'),
    ...conditions.filter((c) => c.kind === 'not'),
  ];
}

export function refineIntent(
  intent: HuntIntent,
  entities: readonly HuntEntity[],
  notes: string[],
): HuntIntent {
  const has = (kind: HuntEntity['kind']) => entities.some((entity) => entity.kind === kind);
  const flag = (name: HuntFlag) =>
    entities.some((entity) => entity.kind === 'flag' && entity.flag === name);

  if (intent === 'network' && has('domain') && !has('ip')) {
    notes.push('connections carry addresses, not names, so the domain is searched in DNS lookups');
    return 'dns';
  }
  if (intent === 'network' && has('url') && !has('ip')) return 'url';
  if (intent !== 'any') return intent;

  if (has('url') || has('method')) return 'url';
  if (has('domain')) return 'dns';
  if (has('registry')) return 'registry';
  if (flag('remote_interactive') || flag('network_logon') || flag('interactive')) return 'logon';
  if (has('port') || has('service') || flag('external') || flag('outbound')) return 'network';
  if (has('fileName') || has('extension')) return 'file_write';
  if (flag('encoded') || flag('hidden') || flag('download')) return 'process';
  if (has('text') && !has('program')) return 'process';
  return 'any';
}

function programFields(intent: HuntIntent, role: ProgramRole): string[] {
  switch (intent) {
    case 'process':
    case 'cross_process':
    case 'remote_thread':
      return role === 'actor' || role === 'parent' ? ['SrcProcName'] : ['TgtProcName'];
    case 'any':
      return role === 'parent' ? ['SrcProcParentName'] : ['SrcProcName', 'TgtProcName'];
    default:
      return role === 'parent' ? ['SrcProcParentName'] : ['SrcProcName'];
  }
}

/**
 * When the question names what an Office app started ("PowerShell from Word"), a start
 * whose parent is the Office app or the shell it started: macros rarely start their
 * payload directly. The catalogue carries one level of ancestry (`SrcProcParentName`), so
 * one intermediate shell is what a single query can follow. "Processes started by Word"
 * names no program started and keeps to Word's own children.
 */
function throughShellCondition(
  intent: HuntIntent,
  entity: Extract<HuntEntity, { kind: 'program' }>,
  entities: readonly HuntEntity[],
): S1qlExpr | undefined {
  const office = new Set(OFFICE_PROGRAMS);
  const started = entities.flatMap((other) =>
    other.kind === 'program' && other.role !== 'actor' && other.role !== 'parent' && !other.negated
      ? other.names
      : [],
  );
  if (
    intent !== 'process' ||
    entity.negated ||
    (entity.role !== 'actor' && entity.role !== 'parent') ||
    !entity.names.every((name) => office.has(name.toLowerCase())) ||
    started.length === 0 ||
    started.some((name) => name.toLowerCase() === INTERMEDIATE_SHELL)
  ) {
    return undefined;
  }
  return anyOf([
    inAnycase('SrcProcName', entity.names),
    allOf([
      inAnycase('SrcProcName', [INTERMEDIATE_SHELL]),
      inAnycase('SrcProcParentName', entity.names),
    ]),
  ]);
}

/** The command-line-like field of an intent's events. */
function textField(intent: HuntIntent): string {
  switch (intent) {
    case 'process':
      return 'TgtProcCmdLine';
    case 'script':
      return 'SrcProcCmdScript';
    case 'dns':
      return 'DnsRequest';
    case 'url':
      return 'Url';
    case 'file_write':
    case 'file_delete':
      return 'TgtFilePath';
    case 'registry':
      return 'RegistryKeyPath';
    case 'module':
      return 'ModulePath';
    case 'scheduled_task':
      return 'TaskName';
    case 'logon':
      return 'LoginsUserName';
    default:
      return 'SrcProcCmdLine';
  }
}

function textCondition(intent: HuntIntent, texts: readonly string[]): S1qlExpr {
  if (intent === 'any') {
    return anyOf([
      containsAnycase('SrcProcCmdLine', texts),
      containsAnycase('TgtProcCmdLine', texts),
    ]);
  }
  return containsAnycase(textField(intent), texts);
}

function fileNameCondition(intent: HuntIntent, name: string): S1qlExpr {
  switch (intent) {
    case 'module':
      return stringMatch('ModulePath', 'endsWith', `\\${name}`);
    case 'file_write':
    case 'file_delete':
      return stringMatch('TgtFilePath', 'endsWith', `\\${name}`);
    case 'process':
      return name.toLowerCase().endsWith('.exe')
        ? stringMatch('TgtProcImagePath', 'endsWith', `\\${name}`)
        : stringMatch('TgtProcCmdLine', 'contains', name);
    case 'any':
      return anyOf([
        stringMatch('TgtFilePath', 'endsWith', `\\${name}`),
        stringMatch('ModulePath', 'endsWith', `\\${name}`),
        stringMatch('TgtProcCmdLine', 'contains', name),
      ]);
    default:
      return stringMatch(textField(intent), 'contains', name);
  }
}

const HASH_FIELDS: Record<string, Record<'md5' | 'sha1' | 'sha256', string | undefined>> = {
  process: { md5: 'TgtProcImageMd5', sha1: 'TgtProcImageSha1', sha256: 'TgtProcImageSha256' },
  file: { md5: 'TgtFileMd5', sha1: 'TgtFileSha1', sha256: 'TgtFileSha256' },
  module: { md5: 'ModuleMd5', sha1: 'ModuleSha1', sha256: undefined },
  actor: { md5: 'SrcProcImageMd5', sha1: 'SrcProcImageSha1', sha256: 'SrcProcImageSha256' },
};

/**
 * Hashes are matched exactly, in lower case: the console sends lower-case hex, the
 * question's hash was lower-cased, and an exact match lets the store use its hash
 * indexes, also for the OR over every hash field (a case-insensitive OR cannot).
 */
function hashCondition(
  intent: HuntIntent,
  algorithm: 'md5' | 'sha1' | 'sha256',
  value: string,
): S1qlExpr {
  const group =
    intent === 'process'
      ? 'process'
      : intent === 'file_write' || intent === 'file_delete'
        ? 'file'
        : intent === 'module'
          ? 'module'
          : intent === 'any'
            ? undefined
            : 'actor';
  if (group !== undefined) {
    const field = HASH_FIELDS[group]?.[algorithm];
    if (field !== undefined) return inExactly(field, [value]);
  }
  const fields = Object.values(HASH_FIELDS)
    .map((byAlgorithm) => byAlgorithm[algorithm])
    .filter((field): field is string => field !== undefined);
  return anyOf(fields.map((field) => inExactly(field, [value])));
}

function ipFields(intent: HuntIntent, role: 'src' | 'dst' | 'unspecified'): string[] {
  if (intent === 'logon') return ['SrcMachineIP'];
  if (role === 'src') return ['SrcIP'];
  if (role === 'dst' || intent === 'network' || intent === 'url') return ['DstIP'];
  if (intent === 'listen') return ['SrcIP'];
  return ['DstIP'];
}

function domainCondition(intent: HuntIntent, domain: string): S1qlExpr {
  switch (intent) {
    case 'dns':
      return stringMatch('DnsRequest', 'contains', domain);
    case 'url':
      return stringMatch('Url', 'contains', domain);
    default:
      return stringMatch(textField(intent), 'contains', domain);
  }
}

function urlCondition(intent: HuntIntent, url: string): S1qlExpr {
  if (intent === 'dns') return stringMatch('DnsRequest', 'contains', new URL(url).hostname);
  if (intent === 'url') return stringMatch('Url', 'contains', url);
  return stringMatch(textField(intent), 'contains', url);
}

function pathField(intent: HuntIntent): string {
  switch (intent) {
    case 'process':
      return 'TgtProcImagePath';
    case 'file_write':
    case 'file_delete':
    case 'any':
      return 'TgtFilePath';
    case 'module':
      return 'ModulePath';
    case 'scheduled_task':
      return 'TaskPath';
    default:
      return 'SrcProcImagePath';
  }
}

function userCondition(intent: HuntIntent, user: string): S1qlExpr {
  if (intent === 'logon') {
    const bare = user.includes('\\') ? (user.split('\\').pop() ?? user) : user;
    return stringMatch('LoginsUserName', 'contains', bare);
  }
  return stringMatch(intent === 'process' ? 'TgtProcUser' : 'SrcProcUser', 'contains', user);
}

function flagCondition(intent: HuntIntent, flag: HuntFlag): S1qlExpr | undefined {
  const commandField =
    intent === 'process' || intent === 'script' ? textField(intent) : 'SrcProcCmdLine';
  switch (flag) {
    case 'encoded':
      return intent === 'script'
        ? stringMatch('SrcProcCmdScript', 'contains', 'FromBase64String')
        : stringMatch(commandField, 'contains', '-enc');
    case 'hidden':
      return containsAnycase(commandField, ['-w hidden', '-windowstyle hidden']);
    case 'download':
      return intent === 'url' || intent === 'network' || intent === 'dns'
        ? undefined
        : containsAnycase(commandField, DOWNLOAD_MARKERS);
    case 'failed':
      if (intent === 'logon') return isBoolean('LoginIsSuccessful', false);
      return intent === 'network' ? equals('NetConnStatus', 'FAILURE') : undefined;
    case 'succeeded':
      if (intent === 'logon') return isBoolean('LoginIsSuccessful', true);
      return intent === 'network' ? equals('NetConnStatus', 'SUCCESS') : undefined;
    case 'elevated':
      return inAnycase(intent === 'process' ? 'TgtProcIntegrityLevel' : 'SrcProcIntegrityLevel', [
        'HIGH',
        'SYSTEM',
      ]);
    case 'external':
      return intent === 'network' || intent === 'url'
        ? not(stringMatch('DstIP', 'regexp', INTERNAL_ADDRESS_PATTERN))
        : undefined;
    case 'internal':
      return intent === 'network' || intent === 'url'
        ? stringMatch('DstIP', 'regexp', INTERNAL_ADDRESS_PATTERN)
        : undefined;
    case 'outbound':
      return intent === 'network' ? equals('NetEventDirection', 'OUTGOING') : undefined;
    case 'inbound':
      return intent === 'network' || intent === 'listen'
        ? equals('NetEventDirection', 'INCOMING')
        : undefined;
    case 'remote_interactive':
      return intent === 'logon' ? equals('LoginType', 'REMOTE_INTERACTIVE') : undefined;
    case 'network_logon':
      return intent === 'logon' ? equals('LoginType', 'NETWORK') : undefined;
    case 'interactive':
      return intent === 'logon' ? equals('LoginType', 'INTERACTIVE') : undefined;
  }
}
