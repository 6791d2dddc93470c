import { z } from 'zod';
import { EVENT_TYPES, OBJECT_TYPES, type ObjectType } from '../../s1ql/event-types.ts';

const Text = z.string().min(1);
/** Lower-case hex as the console sends it; checked for shape only where it becomes an IOC. */
const Hash = Text;
const Count = z.number().int().nonnegative();
/** Epoch milliseconds. */
const Time = z.number().int();

const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [
  keyof typeof EVENT_TYPES,
  ...(keyof typeof EVENT_TYPES)[],
];

export const EvidenceEventType = z.enum(EVENT_TYPE_NAMES);
export const EvidenceCategory = z.enum(OBJECT_TYPES as [ObjectType, ...ObjectType[]]);

export const EvidenceEndpoint = z.strictObject({
  name: Text.optional(),
  agentUuid: Text.optional(),
  agentId: Text.optional(),
  os: Text.optional(),
});
export type EvidenceEndpoint = z.infer<typeof EvidenceEndpoint>;

export const EvidenceParentProcess = z.strictObject({
  uid: Text.optional(),
  name: Text.optional(),
  cmdline: Text.optional(),
  imagePath: Text.optional(),
  sha1: Hash.optional(),
  pid: Count.optional(),
  storyline: Text.optional(),
});
export type EvidenceParentProcess = z.infer<typeof EvidenceParentProcess>;

const processFields = {
  uid: Text.optional(),
  name: Text.optional(),
  cmdline: Text.optional(),
  imagePath: Text.optional(),
  sha1: Hash.optional(),
  sha256: Hash.optional(),
  md5: Hash.optional(),
  user: Text.optional(),
  integrity: Text.optional(),
  pid: Count.optional(),
  storyline: Text.optional(),
  displayName: Text.optional(),
  publisher: Text.optional(),
  signedStatus: Text.optional(),
};

/** The acting process (`src.process.*`): for a process creation, the parent that created it. */
export const EvidenceProcess = z.strictObject({
  ...processFields,
  verifiedStatus: Text.optional(),
  startTime: Time.optional(),
  isStorylineRoot: z.boolean().optional(),
  parent: EvidenceParentProcess.optional(),
});
export type EvidenceProcess = z.infer<typeof EvidenceProcess>;

/** The created, opened or injected process (`tgt.process.*`). */
export const EvidenceTargetProcess = z.strictObject({
  ...processFields,
  accessRights: Text.optional(),
});
export type EvidenceTargetProcess = z.infer<typeof EvidenceTargetProcess>;

export const EvidenceFile = z.strictObject({
  path: Text.optional(),
  oldPath: Text.optional(),
  extension: Text.optional(),
  sha1: Hash.optional(),
  sha256: Hash.optional(),
  md5: Hash.optional(),
  size: Count.optional(),
  isExecutable: z.boolean().optional(),
  createdAt: Time.optional(),
});

export const EvidenceRegistry = z.strictObject({
  keyPath: Text.optional(),
  path: Text.optional(),
  value: Text.optional(),
  valueType: Text.optional(),
});

export const EvidenceNetwork = z.strictObject({
  srcIp: Text.optional(),
  srcPort: Count.optional(),
  dstIp: Text.optional(),
  dstPort: Count.optional(),
  direction: Text.optional(),
  status: Text.optional(),
  protocol: Text.optional(),
});

export const EvidenceDns = z.strictObject({
  request: Text.optional(),
  response: Text.optional(),
});

export const EvidenceModule = z.strictObject({
  path: Text.optional(),
  sha1: Hash.optional(),
  md5: Hash.optional(),
});

export const EvidenceLogin = z.strictObject({
  type: Text.optional(),
  success: z.boolean().optional(),
  userName: Text.optional(),
  domain: Text.optional(),
  srcIp: Text.optional(),
});

export const EvidenceTask = z.strictObject({ name: Text.optional(), path: Text.optional() });

export const EvidenceIndicator = z.strictObject({
  name: Text.optional(),
  category: Text.optional(),
  description: Text.optional(),
  metadata: Text.optional(),
});

/** What the event acted on; only the parts its type has are present. */
export const EvidenceTarget = z.strictObject({
  process: EvidenceTargetProcess.optional(),
  file: EvidenceFile.optional(),
  registry: EvidenceRegistry.optional(),
  network: EvidenceNetwork.optional(),
  dns: EvidenceDns.optional(),
  url: z.strictObject({ address: Text.optional() }).optional(),
  module: EvidenceModule.optional(),
  login: EvidenceLogin.optional(),
  script: z.strictObject({ content: Text.optional() }).optional(),
  task: EvidenceTask.optional(),
  indicator: EvidenceIndicator.optional(),
});
export type EvidenceTarget = z.infer<typeof EvidenceTarget>;

/**
 * One Deep Visibility event normalised for analysis. `untrusted` lists the dotted paths
 * (`process.cmdline`, `target.file.path`...) whose text the attacker controls: those are
 * data to quote, never instructions to follow.
 */
export const EvidenceEvent = z.strictObject({
  id: Text,
  time: Time,
  type: EvidenceEventType,
  category: EvidenceCategory,
  endpoint: EvidenceEndpoint,
  process: EvidenceProcess,
  target: EvidenceTarget,
  untrusted: z.array(Text),
});
export type EvidenceEvent = z.infer<typeof EvidenceEvent>;
export type EvidenceEventInput = z.input<typeof EvidenceEvent>;

export const EvidenceEvents = z.array(EvidenceEvent);
