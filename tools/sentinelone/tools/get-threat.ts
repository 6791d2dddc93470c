import { z } from 'zod';

import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { ThreatId } from './tool-params.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const UNTRUSTED = ['threatName', 'filePath', 'commandLine', 'originatorProcess', 'processUser'];

export const ThreatSummary = z.strictObject({
  id: z.string(),
  threatName: z.string(),
  classification: z.string(),
  confidenceLevel: z.string(),
  analystVerdict: z.string(),
  incidentStatus: z.string(),
  mitigationStatus: z.string().nullable(),
  storyline: z.string().nullable(),
  createdAt: z.string(),
  sha1: z.string().nullable(),
  filePath: z.string().nullable(),
  commandLine: z.string().nullable(),
  originatorProcess: z.string().nullable(),
  processUser: z.string().nullable(),
  agentId: z.string(),
  agentComputerName: z.string(),
});

export const getThreat = defineSentinelOneTool({
  name: 'get_threat',
  description:
    'Fetch one SentinelOne threat: name, classification, confidence, verdict, incident ' +
    'status, storyline, file, command line and the endpoint it fired on.',
  effect: 'read',
  input: z.strictObject({ threatId: ThreatId }),
  output: ThreatSummary,
  untrusted: (threat) =>
    UNTRUSTED.filter((key) => typeof threat[key as keyof typeof threat] === 'string'),
  async execute({ threatId }, { reads, signal }) {
    const threat = await reads.sentinelone.getThreat({ id: threatId, signal });
    const info = threat.threatInfo;

    return {
      id: threat.id,
      threatName: info.threatName,
      classification: info.classification,
      confidenceLevel: info.confidenceLevel,
      analystVerdict: info.analystVerdict,
      incidentStatus: info.incidentStatus,
      mitigationStatus: text(info.mitigationStatus),
      storyline: info.storyline,
      createdAt: info.createdAt,
      sha1: info.sha1,
      filePath: info.filePath,
      commandLine: text(info.maliciousProcessArguments) ?? text(info.commandLine),
      originatorProcess: info.originatorProcess,
      processUser: text(info.processUser),
      agentId: threat.agentRealtimeInfo.agentId,
      agentComputerName: threat.agentRealtimeInfo.agentComputerName,
    };
  },
});
