import type { HuntEntity, HuntFlag, ProgramRole } from './hunt-entity.ts';
import {
  BARE_PROGRAMS,
  PLACES,
  PROCESS_GROUPS,
  REGISTRY_PLACES,
  SERVICE_PORTS,
} from './hunt-vocabulary.ts';

interface Found {
  readonly start: number;
  readonly end: number;
  readonly entity: HuntEntity;
}

const NEGATION = new RegExp(
  [
    '\\b(?:not|except(?:\\s+for)?|excluding|exclude|other\\s+than|bu' +
      't\\s+not|without|ignor(?:e|ing)|drop(?:ping)?|minus|besides|a' +
      'part\\s+from|aside\\s+from|no)\\s+(?:the\\s+|a\\s+|an\\s+|any\\s+)?' +
      '(?:process(?:es)?\\s+|program\\s+|host\\s+|endpoint\\s+|user\\s+|' +
      'account\\s+)?$',
  ].join('|'),
  'i',
);
const ACTOR_BEFORE = new RegExp(
  [
    '\\b(?:by|from|via|under|using|through|made\\s+by|done\\s+by|spa' +
      'wned\\s+by|launched\\s+by|started\\s+by|run\\s+by|created\\s+by|e' +
      'xecuted\\s+by|invoked\\s+by|children\\s+of|child\\s+of|child\\s+p' +
      'rocesses\\s+of)\\s+(?:the\\s+|a\\s+|an\\s+|any\\s+)?(?:process\\s+)' +
      '?$',
  ].join('|'),
  'i',
);
const PARENT_BEFORE = new RegExp(
  [
    '\\b(?:parent(?:\\s+process)?(?:\\s+(?:is|was|of|named|being))?|' +
      'parented\\s+by|whose\\s+parent\\s+(?:is|was))\\s+(?:the\\s+|a\\s+|' +
      'an\\s+)?$',
  ].join('|'),
  'i',
);
// "X spawned cmd", "X writing files": X acts. "X starts", "X launched", "X executions" are
// how hunters name X being started, so those words do not make X the actor.
const ACTOR_AFTER = new RegExp(
  [
    '^\\s*(?:process(?:es)?\\s+)?(?:that\\s+|which\\s+)?(?:spawn|crea' +
      't|writ|wrote|drop|connect|resolv|load|open|access|modif|set|' +
      'delet|talk|reach|beacon|make|made|quer|look|touch|inject|reg' +
      'ist|sen[dt]|download|call|launching|starting|running|executi' +
      'ng|invoking|us(?:e|ed|ing)\\b)',
  ].join('|'),
  'i',
);
const PASSIVE_AFTER = /^\s*(?:was\s+|were\s+|being\s+|got\s+)?[a-z]+(?:ed|en|wn|ote)\s+by\b/i;
const LIST_GLUE = /^\s*(?:,\s*(?:and|or|nor)?|and|or|nor|\/)\s*(?:the\s+|a\s+|an\s+)?$/i;

const FILE_EXTENSIONS = [
  'exe|dll|sys|ps1|psm1|bat|cmd|vbs|vbe|js|jse|hta|scr|msi|lnk',
  'docm|docx|doc|xlsm|xlsx|xls|pptm|zip|rar|7z|iso|img|bin|sct',
  'txt|log|dmp|tmp|vbk|pdf|jar|py|sh',
].join('|');
const PROGRAM_EXTENSIONS = new Set(['exe', 'com', 'scr']);
const NOT_TLDS = new Set(FILE_EXTENSIONS.split('|'));

/**
 * Reads the entities out of a question. Each kind is found in turn and masked, so a
 * URL's domain is not read again as a domain, nor a path's file name as a program. The
 * words just before and after an entity say its role and whether it is excluded.
 */
export function extractEntities(question: string): HuntEntity[] {
  const scan = new Scan(question);

  scan.each(/\bhttps?:\/\/[^\s"'<>]+/gi, (m) => ({
    kind: 'url',
    value: m[0].replace(/[.,;)]+$/, ''),
  }));

  scan.each(
    /\b(HKLM|HKCU|HKU|HKCR|HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_USERS)\\[^\s"'`]+/gi,
    (m, before) => ({
      kind: 'registry',
      fragment: registryFragment(m[0]),
      negated: NEGATION.test(before),
    }),
  );

  scan.each(/(?:\b[a-z]:\\|\\\\[\w.$-]+\\)[^\s"'`]*|%[a-z]+%\\[^\s"'`]*/gi, (m, before) => ({
    kind: 'path',
    fragment: m[0].replace(/[.,;)]+$/, ''),
    negated: NEGATION.test(before),
  }));

  scan.each(/"([^"]{1,300})"|'([^']{1,300})'|`([^`]{1,300})`/g, (m, before) => ({
    kind: 'text',
    text: m[1] ?? m[2] ?? m[3] ?? '',
    negated: NEGATION.test(before),
  }));

  const fragment = (m: RegExpExecArray, before: string): HuntEntity => ({
    kind: 'text',
    text: (m[1] ?? '').replace(/[.,;?!]+$/, ''),
    negated: NEGATION.test(before),
  });
  scan.each(
    new RegExp(
      [
        '\\b(?:command[-\\s]?lines?|cmdlines?|arguments?)\\s+(?:that\\s+|' +
          'which\\s+)?(?:contains?|containing|with|including|mentioning|' +
          'has|having|matching)\\s+([^\\s,"\'`]+)',
      ].join('|'),
      'gi',
    ),
    fragment,
  );
  scan.each(
    new RegExp(
      [
        '\\b(?:with|containing|mentioning)\\s+([^\\s,"\'`]+)\\s+in\\s+(?:th' +
          'e\\s+|its\\s+|their\\s+)?(?:command[-\\s]?lines?|cmdlines?|argum' +
          'ents)\\b',
      ].join('|'),
      'gi',
    ),
    fragment,
  );

  scan.each(
    new RegExp(
      [
        '\\b(?:script\\s*blocks?|scripts?|script\\s+contents?)\\s+(?:that' +
          '\\s+|which\\s+)?(?:contains?|containing|mentioning|calling|usi' +
          'ng|with)\\s+([^\\s,"\'`]+)',
      ].join('|'),
      'gi',
    ),
    fragment,
  );
  scan.each(/\b(GET|POST|PUT|DELETE|HEAD)\s+requests?\b/g, (m) => ({
    kind: 'method',
    method: m[1] ?? 'GET',
  }));

  scan.each(/\b[a-f0-9]{64}\b|\b[a-f0-9]{40}\b|\b[a-f0-9]{32}\b/gi, (m) => ({
    kind: 'hash',
    algorithm: m[0].length === 64 ? 'sha256' : m[0].length === 40 ? 'sha1' : 'md5',
    value: m[0].toLowerCase(),
  }));

  scan.each(/\b(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?\b/g, (m, before) => {
    const role = /\b(?:from|source|src)\s+(?:ip\s+|address\s+)?$/i.test(before)
      ? 'src'
      : /\b(?:to|dest(?:ination)?|dst)\s+(?:ip\s+|address\s+)?$/i.test(before)
        ? 'dst'
        : 'unspecified';
    const entities: HuntEntity[] = [
      { kind: 'ip', value: m[1] ?? '', role, negated: NEGATION.test(before) },
    ];
    if (m[2] !== undefined) entities.push({ kind: 'port', values: [m[2]], negated: false });
    return entities;
  });

  scan.each(/\bports?\s+((?:\d{1,5})(?:\s*(?:,|and|or|\/)\s*\d{1,5})*)\b/gi, (m, before) => ({
    kind: 'port',
    values: (m[1] ?? '').split(/\s*(?:,|and|or|\/)\s*/).filter((v) => v !== ''),
    negated: NEGATION.test(before),
  }));

  scan.each(
    new RegExp(`\\b([\\w][\\w.$-]{0,60}?\\.(?:${FILE_EXTENSIONS}))\\b`, 'gi'),
    (m, before, after) => fileEntity(m[1] ?? '', before, after),
  );

  scan.each(
    /\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z][a-z0-9-]{1,23}))\b/gi,
    (m, before) =>
      NOT_TLDS.has((m[2] ?? '').toLowerCase()) || /^\d/.test(m[2] ?? '')
        ? []
        : { kind: 'domain', value: (m[1] ?? '').toLowerCase(), negated: NEGATION.test(before) },
  );

  // A domain suffix, `.example domains` or `*.example.com domains`: names ending in it.
  const DOMAIN_SUFFIX = new RegExp(
    '(?<=^|\\s)\\*?(\\.[a-z][a-z0-9-]{0,62}(?:\\.[a-z][a-z0-9-]{0,62})*)' +
      '(?=\\s+(?:domains?|names?|tlds?)\\b)',
    'gi',
  );
  scan.each(DOMAIN_SUFFIX, (m, before) => ({
    kind: 'domain',
    value: (m[1] ?? '').toLowerCase(),
    negated: NEGATION.test(before),
  }));

  scan.each(/\b([A-Z][A-Za-z0-9-]{1,15})\\([A-Za-z0-9._$-]{2,64})/g, (m, before) => ({
    kind: 'user',
    value: `${m[1]}\\${m[2]}`,
    negated: NEGATION.test(before),
  }));

  scan.each(/\b(?:as|running\s+as)\s+(?:nt\s+authority\\)?system\b/gi, (_m, before) => ({
    kind: 'user',
    value: 'SYSTEM',
    negated: NEGATION.test(before),
  }));
  scan.each(
    new RegExp(
      [
        '\\b(?:users?|accounts?|usernames?)\\s+(?:named\\s+|called\\s+)?(' +
          '[A-Za-z][A-Za-z0-9._$-]{1,63})\\b',
      ].join('|'),
      'gi',
    ),
    (m, before) => {
      const name = m[1] ?? '';
      if (/^(?:a|an|the|any|who|that|which|with|on|and|or|of|is|was|logons?|logins?)$/i.test(name))
        return [];
      return { kind: 'user', value: name, negated: NEGATION.test(before) };
    },
  );

  scan.each(
    new RegExp(
      [
        '\\b(?:on|host(?:name)?s?|endpoints?|machines?|computers?|devi' +
          'ces?|servers?|workstations?)\\s+(?:(?:the\\s+)?(?:host|endpoin' +
          't|machine|computer|device|server)\\s+)?(?:named\\s+|called\\s+)' +
          '?([A-Za-z][A-Za-z0-9-]{1,30})\\b',
      ].join('|'),
      'gi',
    ),
    (m, before) => {
      const name = m[1] ?? '';
      const hostLike = /\d/.test(name) || (/^[A-Z0-9-]+$/.test(name) && name.length > 2);
      return hostLike ? { kind: 'host', value: name, negated: NEGATION.test(before) } : [];
    },
  );
  scan.each(/\b[A-Z][A-Z0-9]{1,14}(?:-[A-Z0-9]{1,14})+\b/g, (m, before) => ({
    kind: 'host',
    value: m[0],
    negated: NEGATION.test(before),
  }));

  for (const group of PROCESS_GROUPS) {
    scan.each(new RegExp(group.words.source, 'gi'), (_m, before, after) => ({
      kind: 'program',
      names: group.names,
      label: group.label,
      role: roleOf(before, after),
      negated: NEGATION.test(before),
    }));
  }
  const bare = new RegExp(`\\b(${Object.keys(BARE_PROGRAMS).join('|')})\\b`, 'gi');
  scan.each(bare, (m, before, after) => {
    const word = (m[1] ?? '').toLowerCase();
    return {
      kind: 'program',
      names: BARE_PROGRAMS[word] ?? [],
      label: word,
      role: roleOf(before, after),
      negated: NEGATION.test(before),
    };
  });

  for (const place of REGISTRY_PLACES) {
    scan.each(new RegExp(place.words.source, 'gi'), (_m, before) => ({
      kind: 'registry',
      fragment: place.fragment,
      negated: NEGATION.test(before),
    }));
  }
  for (const place of PLACES) {
    scan.each(new RegExp(place.words.source, 'gi'), (_m, before) => ({
      kind: 'path',
      fragment: place.fragment,
      negated: NEGATION.test(before),
    }));
  }

  const services = new RegExp(`\\b(${Object.keys(SERVICE_PORTS).join('|')})\\b`, 'gi');
  scan.each(services, (m) => {
    const name = (m[1] ?? '').toLowerCase();
    return { kind: 'service', name, ports: SERVICE_PORTS[name] ?? [] };
  });

  scan.each(/\bexecutables?\b|\bbinaries\b/gi, () => ({ kind: 'extension', values: ['exe'] }));
  scan.each(/\b(?:dlls|libraries)\b/gi, () => ({ kind: 'extension', values: ['dll'] }));
  scan.each(/\b(?:powershell\s+)?scripts?\s+files?\b|\.ps1\s+files?\b/gi, () => ({
    kind: 'extension',
    values: ['ps1'],
  }));

  for (const [flag, pattern] of FLAGS) {
    scan.each(new RegExp(pattern.source, 'gi'), () => ({ kind: 'flag', flag }));
  }

  return scan.entities();
}

const FLAGS: [HuntFlag, RegExp][] = [
  ['encoded', /\bencoded\b|\s-enc\b|\s-e\s|\bbase64\b|\bobfuscated\b/],
  ['hidden', /\bhidden\b|\s-w\s+hidden\b/],
  ['download', /\bdownload(?:s|ed|ing|string|file)?\b|\bcradles?\b/],
  ['failed', /\bfail(?:ed|ing|ures?|s)?\b|\bunsuccessful\b|\bbad\s+passwords?\b/],
  ['succeeded', /\bsuccessful(?:ly)?\b|\bsucceeded\b/],
  ['elevated', /\belevated\b|\bhigh\s+integrity\b|\badmin(?:istrator)?\s+rights\b/],
  ['external', /\bexternal\b|\bpublic\s+(?:ips?|addresses?|internet)\b|\binternet\b|\boutside\b/],
  ['internal', /\binternal\b|\bprivate\s+(?:ips?|addresses?|ranges?)\b|\blan\b/],
  ['outbound', /\boutbound\b|\boutgoing\b|\begress\b/],
  ['inbound', /\binbound\b|\bincoming\b|\bingress\b/],
  ['remote_interactive', /\bremote\s+(?:interactive|desktop)\b/],
  ['network_logon', /\bnetwork\s+log(?:on|in)s?\b/],
  ['interactive', /\binteractive\s+log(?:on|in)s?\b/],
];

function fileEntity(name: string, before: string, after: string): HuntEntity {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  const negated = NEGATION.test(before);
  if (PROGRAM_EXTENSIONS.has(extension)) {
    const asFile =
      /\b(?:files?|named|called)\s+$/i.test(before) ||
      new RegExp(
        [
          '^\\s*(?:was\\s+|were\\s+|being\\s+|got\\s+)?(?:written|dropped|cr' +
            'eated|saved|deleted|renamed|downloaded)\\b',
        ].join('|'),
        'i',
      ).test(after);
    if (!asFile) {
      return {
        kind: 'program',
        names: [name],
        label: name,
        role: roleOf(before, after),
        negated,
      };
    }
  }
  return { kind: 'fileName', name, negated };
}

function roleOf(before: string, after: string): ProgramRole {
  if (PARENT_BEFORE.test(before)) return 'parent';
  if (ACTOR_BEFORE.test(before)) return 'actor';
  // "X spawned by Y" is passive: X is the one started.
  if (PASSIVE_AFTER.test(after)) return 'unspecified';
  if (ACTOR_AFTER.test(after)) return 'actor';
  return 'unspecified';
}

function registryFragment(path: string): string {
  const clean = path.replace(/[.,;)]+$/, '').replace(/\\+$/, '');
  const [hive, ...rest] = clean.split('\\');
  const key = rest.join('\\');
  switch ((hive ?? '').toUpperCase()) {
    case 'HKLM':
    case 'HKEY_LOCAL_MACHINE':
      return `HKLM\\${key}`;
    default:
      // User hives appear under their SID (`HKU\S-1-5-21-...\Software`), so match the rest.
      return `\\${key}`;
  }
}

class Scan {
  readonly #original: string;
  #masked: string;
  readonly #found: Found[] = [];

  constructor(text: string) {
    this.#original = text;
    this.#masked = text;
  }

  each(
    pattern: RegExp,
    make: (match: RegExpExecArray, before: string, after: string) => HuntEntity | HuntEntity[],
  ): void {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    const matches = [...this.#masked.matchAll(global)];
    for (const match of matches) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const before = this.#masked.slice(Math.max(0, start - 48), start);
      const after = this.#masked.slice(end, end + 48);
      const made = make(match as RegExpExecArray, before, after);
      const entities = Array.isArray(made) ? made : [made];
      if (entities.length === 0) continue;
      for (const entity of entities) this.#found.push({ start, end, entity });
      this.#masked =
        this.#masked.slice(0, start) + ' '.repeat(end - start) + this.#masked.slice(end);
    }
  }

  /** Entities in reading order; a list ("not X, Y or Z") shares its first item's role. */
  entities(): HuntEntity[] {
    const ordered = [...this.#found].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ordered.length; i += 1) {
      const previous = ordered[i - 1] as Found;
      const current = ordered[i] as Found;
      const between = this.#original.slice(previous.end, current.start);
      if (!LIST_GLUE.test(between)) continue;
      inherit(previous.entity, current);
    }
    return ordered.map((found) => found.entity);
  }
}

function inherit(previous: HuntEntity, current: Found): void {
  const entity = current.entity as { negated?: boolean; role?: ProgramRole; kind: string };
  const prior = previous as { negated?: boolean; role?: ProgramRole; kind: string };
  const sameFamily = entity.kind === prior.kind || (isNamed(entity.kind) && isNamed(prior.kind));
  if (!sameFamily) return;
  if (prior.negated === true && 'negated' in entity) entity.negated = true;
  if (prior.role !== undefined && entity.role === 'unspecified') entity.role = prior.role;
}

function isNamed(kind: string): boolean {
  return kind === 'program' || kind === 'fileName';
}
