import { z } from 'zod';

/**
 * A scenario is what the simulator loads: endpoints, Deep Visibility events, the
 * threat(s) that fired on them, and the ground truth kept beside them. Imported
 * recordings and hand-written scenarios share this one format.
 */

const Iso = z.iso.datetime({ offset: true });

/** Digits only, as the Management API renders its int64 ids. */
const NumericId = z.string().regex(/^\d{1,20}$/, 'expected a numeric id string');

export const ScenarioAgent = z.strictObject({
  id: NumericId,
  uuid: z.string().min(1),
  computerName: z.string().min(1),
  osType: z.enum(['windows', 'linux', 'macos']),
  osName: z.string(),
  machineType: z.enum(['desktop', 'laptop', 'server']).default('desktop'),
  domain: z.string().default('WORKGROUP'),
  siteName: z.string().default('Default site'),
  groupName: z.string().default('Default Group'),
  ipAddresses: z.array(z.string()).default([]),
  lastLoggedInUserName: z.string().default(''),
  tags: z.array(z.string()).default([]),
});
export type ScenarioAgent = z.infer<typeof ScenarioAgent>;

/**
 * One Deep Visibility event, keyed by dotted S1QL 2.0 field names (see
 * `tools/s1ql/fields.ts`). `event.id`, `event.type`, `event.time` and `agent.uuid`
 * are required; the rest are optional.
 */
export const ScenarioEvent = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .superRefine((event, ctx) => {
    for (const key of ['event.id', 'event.type', 'event.time', 'agent.uuid']) {
      if (typeof event[key] !== 'string' || event[key] === '') {
        ctx.addIssue({ code: 'custom', message: `event is missing "${key}"`, path: [key] });
      }
    }
  });
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

export const ThreatIndicator = z.strictObject({
  category: z.string(),
  description: z.string(),
  tactics: z
    .array(
      z.strictObject({
        name: z.string(),
        source: z.literal('MITRE').default('MITRE'),
        techniques: z.array(z.strictObject({ name: z.string(), link: z.string() })),
      }),
    )
    .default([]),
});
export type ThreatIndicator = z.infer<typeof ThreatIndicator>;

export const ScenarioThreat = z.strictObject({
  id: NumericId,
  agentId: NumericId,
  /** The Deep Visibility event the detection fired on. */
  eventId: z.string(),
  storyline: z.string().regex(/^[0-9A-F]{16}$/, 'expected 16 upper-case hex digits'),
  createdAt: Iso,
  threatName: z.string(),
  classification: z.string(),
  confidenceLevel: z.enum(['malicious', 'suspicious']),
  filePath: z.string(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable().default(null),
  md5: z.string().nullable().default(null),
  commandLine: z.string().nullable(),
  originatorProcess: z.string().nullable(),
  processUser: z.string().nullable(),
  initiatedBy: z.string().default('agent_policy'),
  detectionType: z.enum(['static', 'dynamic']).default('dynamic'),
  engines: z.array(z.string()).default(['DBT - Executables']),
  indicators: z.array(ThreatIndicator).default([]),
  incidentStatus: z.enum(['unresolved', 'in_progress', 'resolved']).default('unresolved'),
  analystVerdict: z
    .enum(['true_positive', 'suspicious', 'false_positive', 'undefined'])
    .default('undefined'),
  mitigationStatus: z.string().default('not_mitigated'),
});
export type ScenarioThreat = z.infer<typeof ScenarioThreat>;

/**
 * Something a case's summary or notification should tell its reader, and the key terms
 * (host and process names, technique ids, IOCs) that show it does. A term may list
 * spellings separated by `|`, any one of which counts (`T1053.005|scheduled task`).
 */
export const GroundTruthFact = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a lower-case slug'),
  text: z.string().min(1),
  terms: z.array(z.string().trim().min(1)).min(1),
});
export type GroundTruthFact = z.infer<typeof GroundTruthFact>;

/** What the planted text of an injection case asks the AI to do, so resisting it can be scored. */
export const InjectionCase = z.strictObject({
  /** Instructions as planted; none may come back in a draft as its own words. */
  phrases: z.array(z.string().trim().min(1)).min(1),
  /** Tools the planted text asks for, by their gate names (`disconnect_agents`). */
  requestedTools: z.array(z.string().min(1)).default([]),
  /** Whether it asks the AI to approve held actions. */
  requestsApproval: z.boolean().default(false),
  /** The verdict it asks for. */
  requestedVerdict: z.enum(['true_positive', 'false_positive', 'suspicious']).optional(),
});
export type InjectionCase = z.infer<typeof InjectionCase>;

/** Ground-truth fields a source may be unable to give (an export from a console). */
export const UNDERIVABLE_TRUTH = [
  'severity',
  'techniques',
  'rootCauseProcessUid',
  'maliciousProcessUids',
  'affectedEndpoints',
  'iocs',
  'facts',
] as const;

export const GroundTruth = z.strictObject({
  verdict: z.enum(['true_positive', 'false_positive', 'suspicious']),
  severity: z.enum(['critical', 'high', 'medium', 'low']).optional(),
  /** ATT&CK v18.1 technique ids, e.g. `T1003.001`. */
  techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)),
  /** Technique ids as the source labelled them, before normalisation. */
  sourceTechniques: z.array(z.string()).default([]),
  /** `src.process.uid` values of the malicious process lineage, root first. */
  maliciousProcessUids: z.array(z.string()).default([]),
  /** The process that started the attack on the endpoint (root cause). */
  rootCauseProcessUid: z.string().optional(),
  affectedEndpoints: z.array(z.string()).default([]),
  iocs: z
    .array(
      z.strictObject({
        type: z.enum(['sha1', 'sha256', 'md5', 'ip', 'domain', 'url', 'path']),
        value: z.string(),
      }),
    )
    .default([]),
  /** The attacker's commands as the recording's authors wrote them. */
  attackerCommands: z.array(z.string()).default([]),
  notes: z.string().optional(),
  /** Since version 2: what the texts should say, for the text coverage score. */
  facts: z.array(GroundTruthFact).optional(),
  /** Since version 2: marks an injection case. */
  injection: InjectionCase.optional(),
  /** Since version 2: fields the source could not give; scored as no data, never as 0. */
  underived: z.array(z.enum(UNDERIVABLE_TRUTH)).optional(),
});
export type GroundTruth = z.infer<typeof GroundTruth>;

/** The version written now; version 1 (no facts, injection or underived) is still read. */
export const SCENARIO_SCHEMA_VERSION = 2;
export const SCENARIO_SCHEMA_VERSIONS = [1, SCENARIO_SCHEMA_VERSION] as const;

export const Scenario = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSIONS),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  title: z.string(),
  description: z.string().default(''),
  source: z.strictObject({
    kind: z.enum(['otrf', 'handwritten', 'export']),
    path: z.string().optional(),
    metadataId: z.string().optional(),
  }),
  agents: z.array(ScenarioAgent).min(1),
  events: z.array(ScenarioEvent),
  threats: z.array(ScenarioThreat),
  groundTruth: GroundTruth,
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
