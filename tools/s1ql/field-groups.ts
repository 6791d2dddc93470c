import { type FieldDef, findField } from './fields.ts';

/**
 * Legacy S1QL 1.0 names that stand for several fields at once (`CmdLine` is any command
 * line, `Hash` any hash). A condition on one holds when it holds on any member; its
 * negative forms (`!=`, `Does Not Contain`, `Not In`, `Is Empty`) hold when they hold on
 * every member, so each stays the exact complement of its positive form.
 */
export interface FieldGroup {
  /** The legacy name, as the catalogue spells it. */
  readonly name: string;
  /** What the members have in common, for explanations (`command line`). */
  readonly meaning: string;
  readonly members: readonly FieldDef[];
}

const SHA1 = ['SrcProcImageSha1', 'SrcProcParentImageSha1', 'TgtProcImageSha1', 'TgtFileSha1'];
const SHA256 = ['SrcProcImageSha256', 'TgtProcImageSha256', 'TgtFileSha256'];
const MD5 = ['SrcProcImageMd5', 'TgtProcImageMd5', 'TgtFileMd5', 'ModuleMd5'];

const SPECS: readonly { name: string; meaning: string; members: readonly string[] }[] = [
  { name: 'CmdLine', meaning: 'command line', members: ['SrcProcCmdLine', 'TgtProcCmdLine'] },
  { name: 'IP', meaning: 'IP address', members: ['SrcIP', 'DstIP'] },
  { name: 'Name', meaning: 'process name', members: ['SrcProcName', 'TgtProcName'] },
  {
    name: 'UserName',
    meaning: 'user name',
    members: ['SrcProcUser', 'TgtProcUser', 'LoginsUserName'],
  },
  { name: 'UID', meaning: 'process unique id', members: ['SrcProcUID', 'TgtProcUID'] },
  { name: 'Sha1', meaning: 'SHA-1 hash', members: [...SHA1, 'ModuleSha1'] },
  { name: 'Sha256', meaning: 'SHA-256 hash', members: SHA256 },
  { name: 'Md5', meaning: 'MD5 hash', members: MD5 },
  { name: 'Hash', meaning: 'hash', members: [...SHA1, 'ModuleSha1', ...SHA256, ...MD5] },
];

export const FIELD_GROUPS: readonly FieldGroup[] = SPECS.map((spec) => ({
  name: spec.name,
  meaning: spec.meaning,
  members: spec.members.map((member) => {
    const def = findField(member);
    if (def === undefined) throw new Error(`field group ${spec.name} names unknown ${member}`);
    return def;
  }),
}));

const byName = new Map(FIELD_GROUPS.map((group) => [group.name.toLowerCase(), group]));

/** Looks a group up by its legacy name, case-insensitively like every S1QL field name. */
export function findFieldGroup(name: string): FieldGroup | undefined {
  return byName.get(name.toLowerCase());
}
