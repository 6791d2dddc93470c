/**
 * One thing a question names. `negated` marks "not", "excluding", "other than"...;
 * a program's `role` says whether it acts (`actor`: "by X", "X spawned"), is acted on or
 * started (`target`), is the actor's parent ("whose parent is X"), or was not said.
 */
export type ProgramRole = 'actor' | 'target' | 'parent' | 'unspecified';

export type HuntEntity =
  | { kind: 'program'; names: string[]; label: string; role: ProgramRole; negated: boolean }
  | { kind: 'fileName'; name: string; negated: boolean }
  | { kind: 'text'; text: string; negated: boolean }
  | { kind: 'hash'; algorithm: 'md5' | 'sha1' | 'sha256'; value: string }
  | { kind: 'ip'; value: string; role: 'src' | 'dst' | 'unspecified'; negated: boolean }
  | { kind: 'port'; values: string[]; negated: boolean }
  | { kind: 'domain'; value: string; negated: boolean }
  | { kind: 'url'; value: string }
  | { kind: 'registry'; fragment: string; negated: boolean }
  | { kind: 'path'; fragment: string; negated: boolean }
  | { kind: 'extension'; values: string[] }
  | { kind: 'user'; value: string; negated: boolean }
  | { kind: 'host'; value: string; negated: boolean }
  | { kind: 'service'; name: string; ports: string[] }
  | { kind: 'method'; method: string }
  | { kind: 'flag'; flag: HuntFlag };

export type HuntFlag =
  | 'encoded'
  | 'hidden'
  | 'download'
  | 'failed'
  | 'succeeded'
  | 'elevated'
  | 'external'
  | 'internal'
  | 'outbound'
  | 'inbound'
  | 'interactive'
  | 'network_logon'
  | 'remote_interactive';
