import { describe, expect, it } from 'vitest';

import type { ProcessSummary } from '../../../../tools/analysis/index.ts';
import type { ThreatView } from '../case-views.ts';
import { assessVerdict } from './assess-verdict.ts';
import type { TriageEvidence } from './triage-evidence.ts';

const THREAT: ThreatView = {
  id: '42',
  threatName: 'PSEXESVC.exe',
  classification: 'Hacktool',
  confidenceLevel: 'suspicious',
  analystVerdict: 'undefined',
  incidentStatus: 'unresolved',
  storyline: 'AB12CD34EF56AB78',
  createdAt: '2026-01-05T09:00:00.000Z',
  sha1: null,
  filePath: 'C:\\Windows\\PSEXESVC.exe',
  commandLine: 'C:\\Windows\\PSEXESVC.exe',
  originatorProcess: 'services.exe',
  processUser: 'NT AUTHORITY\\SYSTEM',
  agentId: '7',
  agentComputerName: 'WS-01',
};

function process(overrides: Partial<ProcessSummary>): ProcessSummary {
  return {
    uid: 'P1',
    depth: 0,
    firstSeen: 0,
    lastSeen: 0,
    eventCount: 1,
    childUids: [],
    omittedDescendants: 0,
    filesWritten: [],
    registryChanges: [],
    network: [],
    dns: [],
    crossProcess: [],
    modulesOfNote: [],
    counts: {},
    ...overrides,
  };
}

/** A service-execution case on internal addresses only, with or without an install. */
function remoteAdministration({ install }: { install: boolean }): TriageEvidence {
  const msiexec = process({
    uid: 'P2',
    name: 'msiexec.exe',
    imagePath: 'C:\\Windows\\System32\\msiexec.exe',
    createdByEventId: 'e2',
    filesWritten: install
      ? [
          {
            value: 'C:\\Program Files\\Acme\\agent.exe',
            action: 'File Creation',
            count: 1,
            firstSeen: 0,
            eventIds: ['e3'],
          },
        ]
      : [],
  });
  return {
    threat: THREAT,
    coverage: { events: 8, truncated: false, unreadable: 0 },
    agent: undefined,
    techniques: {
      attackVersion: '18.1',
      techniques: [
        {
          id: 'T1569.002',
          name: 'Service Execution',
          tactics: ['Execution'],
          confidence: 0.8,
          ruleIds: ['psexec-service'],
          count: 1,
          eventIds: ['e1'],
        },
      ],
      hits: [],
      rulesEvaluated: 1,
    },
    iocs: {
      iocs: [
        {
          type: 'path',
          value: 'C:\\Windows\\PSEXESVC.exe',
          count: 1,
          firstSeen: 0,
          eventIds: ['e1'],
          sources: [],
        },
      ],
      filtered: [],
    },
    tree: {
      roots: ['P1'],
      processes: [process({ name: 'PSEXESVC.exe', createdByEventId: 'e1' }), msiexec],
      processCount: 2,
      unattributedEvents: 0,
    },
    lateral: {
      detected: true,
      targets: [],
      arrivals: [
        { endpoint: 'WS-01', service: 'PSEXESVC.exe', process: 'msiexec.exe', eventIds: ['e2'] },
      ],
      logons: [],
    },
    timeline: undefined,
  };
}

describe('assessVerdict', () => {
  it('calls remote administration that installed software a false positive, saying why', () => {
    const assessment = assessVerdict(remoteAdministration({ install: true }));

    expect(assessment).toMatchObject({ verdict: 'false_positive', severity: 'low', score: -2.7 });
    expect(assessment.signals.map((signal) => `${signal.id} ${signal.weight}`)).toEqual([
      'technique-t1569-002 0.8',
      'console-suspicious 0.5',
      'lateral-movement 1',
      'internal-only -1.5',
      'remote-administration-only -2.5',
      'software-installation -1',
    ]);
  });

  it('leaves the same quiet case to a person when nothing explains it', () => {
    const assessment = assessVerdict(remoteAdministration({ install: false }));

    expect(assessment).toMatchObject({ verdict: 'needs_human', confidence: 0.4, score: -1.7 });
  });

  it('needs a person when no event could be read', () => {
    const evidence = {
      ...remoteAdministration({ install: true }),
      coverage: { events: 0, truncated: false, unreadable: 0 },
    };

    expect(assessVerdict(evidence)).toMatchObject({ verdict: 'needs_human', confidence: 0.3 });
  });
});
