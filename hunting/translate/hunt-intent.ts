import { z } from 'zod';

/**
 * What kind of activity a question is about. Each intent fixes the event types searched
 * and which process a named program plays: the started one (`tgt`) for process starts
 * and cross-process access, the acting one (`src`) for everything else.
 */
export const HuntIntent = z.enum([
  'process',
  'network',
  'listen',
  'dns',
  'url',
  'file_write',
  'file_delete',
  'registry',
  'cross_process',
  'remote_thread',
  'scheduled_task',
  'logon',
  'module',
  'script',
  'any',
]);
export type HuntIntent = z.infer<typeof HuntIntent>;

export interface IntentDef {
  /** EventType values; empty for `any`. */
  readonly eventTypes: readonly string[];
  /** In plain words, for explanations. */
  readonly noun: string;
}

export const INTENTS: Record<HuntIntent, IntentDef> = {
  process: { eventTypes: ['Process Creation'], noun: 'process starts' },
  network: { eventTypes: ['IP Connect'], noun: 'network connections' },
  listen: { eventTypes: ['IP Listen'], noun: 'listening sockets' },
  dns: { eventTypes: ['DNS Resolved', 'DNS Unresolved'], noun: 'DNS lookups' },
  url: {
    eventTypes: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT'],
    noun: 'web requests',
  },
  file_write: { eventTypes: ['File Creation', 'File Modification'], noun: 'file writes' },
  file_delete: { eventTypes: ['File Deletion'], noun: 'file deletions' },
  registry: {
    eventTypes: [
      'Registry Value Modified',
      'Registry Value Create',
      'Registry Key Create',
      'Registry Value Delete',
      'Registry Key Delete',
    ],
    noun: 'registry changes',
  },
  cross_process: {
    eventTypes: ['Open Remote Process Handle', 'Duplicate Process Handle'],
    noun: 'cross-process handle opens',
  },
  remote_thread: { eventTypes: ['Remote Thread Creation'], noun: 'remote thread injections' },
  scheduled_task: {
    eventTypes: ['Task Register', 'Task Update', 'Task Start', 'Task Trigger', 'Task Delete'],
    noun: 'scheduled task events',
  },
  logon: { eventTypes: ['Login'], noun: 'logons' },
  module: { eventTypes: ['Module Load'], noun: 'module loads' },
  script: { eventTypes: ['Command Script'], noun: 'script contents' },
  any: { eventTypes: [], noun: 'events' },
};

/** The intent's event types as words people read them in; order matters (first wins). */
const CUES: [HuntIntent, RegExp][] = [
  [
    'script',
    new RegExp(
      [
        '\\bscript\\s*blocks?\\b',
        '\\bscript\\s+contents?\\b',
        '\\bcommand\\s+scripts?\\b',
        '\\bscripts?\\s+(?:that|which)\\s+(?:contains?|mentions?)\\b',
      ].join('|'),
      'i',
    ),
  ],
  ['remote_thread', /\bremote\s+threads?\b|\bthread\s+injection\b|\binject(?:ed|s|ion|ing)?\b/i],
  [
    'cross_process',
    new RegExp(
      [
        '\\blsass\\s+(?:access|handles?|memory)\\b',
        '\\b(?:access(?:ed|es|ing)?|open(?:ed|s)?\\s+(?:a\\s+)?handles?' +
          '\\s+(?:to|on)|handles?\\s+to|touch(?:ed|es)?|read(?:s)?\\s+(?:t' +
          'he\\s+)?memory\\s+of)\\s+(?:the\\s+)?lsass\\b',
        '\\bcross[-\\s]process\\b',
        '\\bprocess\\s+access\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'scheduled_task',
    new RegExp(
      [
        '\\bscheduled\\s+tasks?\\b',
        '\\btask\\s+(?:registrations?|creations?|registered)\\b',
        '\\bregistered\\s+tasks?\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'logon',
    /\blog(?:on|in)s?\b|\blogged\s+(?:on|in)\b|\bsign[-\s]?ins?\b|\bauthenticat(?:ed|ions?)\b/i,
  ],
  [
    'module',
    new RegExp(
      [
        '\\bmodules?\\b',
        '\\bdll\\s+loads?\\b',
        '\\bloaded\\s+(?:the\\s+)?(?:dll|library|module)\\b',
        '\\bloads?\\s+[\\w.-]+\\.dll\\b',
        '\\b[\\w.-]+\\.dll\\s+(?:was\\s+|being\\s+)?loaded\\b',
        '\\bimage\\s+loads?\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'registry',
    new RegExp(
      [
        '\\bregistry\\b',
        '\\breg(?:istry)?\\s+(?:keys?|values?)\\b',
        '\\brun\\s*(?:once)?\\s*keys?\\b',
        '\\bautorun\\s+keys?\\b',
        '\\bHK(?:LM|CU|U|EY_[A-Z_]+)\\\\',
      ].join('|'),
      'i',
    ),
  ],
  ['listen', /\blisten(?:s|ing|ed)?\b/i],
  [
    'dns',
    new RegExp(
      [
        '\\bdns\\b',
        '\\bresolv(?:e|ed|es|ing)\\b',
        '\\blook(?:ed)?\\s*ups?\\b',
        '\\bdomain\\s+(?:queries|query)\\b',
        '\\bqueried\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'url',
    /\burls?\b|\bhttp\s+requests?\b|\bweb\s+requests?\b|\bget\s+requests?\b|\bpost\s+requests?\b/i,
  ],
  ['file_delete', /\bdelet(?:e|ed|es|ing|ions?)\b|\bremoved?\s+files?\b/i],
  [
    'file_write',
    new RegExp(
      [
        '\\bfiles?\\b',
        '\\bwr(?:ote|ites?|itten|iting)\\b',
        '\\bdropp(?:ed|ing)\\b',
        '\\bdrops\\b',
        '\\bcreated\\s+(?:a\\s+)?(?:file|executable)s?\\b',
        '\\bsaved\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'network',
    new RegExp(
      [
        '\\bconnect(?:s|ed|ions?|ing)?\\b',
        '\\bnetwork\\b',
        '\\boutbound\\b',
        '\\binbound\\b',
        '\\bbeacon(?:s|ing)?\\b',
        '\\btraffic\\b',
        '\\btalk(?:ed|ing|s)?\\s+to\\b',
        '\\breach(?:ed)?\\s+out\\b',
        '\\bports?\\s+\\d+',
        '\\bc2\\b',
      ].join('|'),
      'i',
    ),
  ],
  [
    'process',
    new RegExp(
      [
        '\\bprocess(?:es)?\\b',
        '\\bspawn(?:s|ed|ing)?\\b',
        '\\blaunch(?:es|ed|ing)?\\b',
        '\\bstart(?:s|ed|ing)?\\b',
        '\\bran\\b',
        '\\brun(?:s|ning)?\\b',
        '\\bexecut(?:e|ed|es|ing|ions?)\\b',
        '\\bcommand[-\\s]?lines?\\b',
        '\\bchild(?:ren)?\\b',
        '\\bcreat(?:ed|es|ing|ion)\\b',
        '\\binvok(?:ed|es|ing)\\b',
        '\\bused\\b',
      ].join('|'),
      'i',
    ),
  ],
];

/** The intent a question's wording points at, or `any` when it names no activity. */
export function detectIntent(text: string): HuntIntent {
  for (const [intent, cue] of CUES) if (cue.test(text)) return intent;
  return 'any';
}
