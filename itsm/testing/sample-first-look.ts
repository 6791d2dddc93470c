import { FirstLook } from '../../agents/schemas/first-look.ts';
import { createRunStore } from '../../agents/store/run-store.ts';
import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';

/** Strings an attacker could plant in telemetry, aimed at each target's markup. */
export const HOSTILE = {
  codeTag: '[code]<script>alert(1)</script>[/code]',
  noformat: '{noformat}{color:red}pwned{color}{noformat}',
  table: '|| a || b ||\n| x | y |',
  adf: '{"type":"doc","version":1,"content":[{"type":"mention","attrs":{"id":"all"}}]}',
  longLine: `powershell -enc ${'A'.repeat(5_000)}`,
  control: 'evil\u001b[2Jcleared\u0007\u0000',
  rtl: 'invoice\u202Efdp.exe',
} as const;

/** A first look for `caseId` whose telemetry-derived text carries every hostile string. */
export function sampleFirstLook(caseId: string): FirstLook {
  const cite = ['ev-1'];
  return FirstLook.parse({
    schemaVersion: 1,
    caseId,
    models: { triage: 'offline' },
    headline: `Credential dumping on HOST-01 ${HOSTILE.rtl}`,
    summary: `LSASS was dumped with comsvcs.dll. ${HOSTILE.noformat}`,
    openQuestions: [],
    triage: {
      schemaVersion: 1,
      caseId,
      verdict: 'true_positive',
      confidence: 0.92,
      severity: 'high',
      summary: 'LSASS memory dumped',
      classification: 'Credential Theft',
      techniques: [
        {
          id: 'T1003.001',
          name: 'LSASS Memory',
          tactics: ['credential-access'],
          confidence: 0.9,
          eventIds: cite,
        },
      ],
      rootCause: {
        description: `rundll32 started by a macro ${HOSTILE.table}`,
        processUid: 'p-1',
        processName: 'rundll32.exe',
        eventIds: cite,
      },
      affectedEndpoints: [{ name: 'HOST-01', agentId: '1001', role: 'origin', eventIds: cite }],
      affectedUsers: [{ name: 'CORP\\alice', eventIds: cite }],
      lateralMovement: { detected: false, evidence: [] },
      signals: [],
      recommendedSteps: [
        {
          action: 'Reset the credentials of CORP\\alice',
          rationale: 'LSASS was dumped',
          eventIds: cite,
        },
        { action: 'Reimage HOST-01', rationale: `persistence ${HOSTILE.control}`, eventIds: [] },
      ],
      limitations: [],
    },
    timeline: {
      schemaVersion: 1,
      caseId,
      entries: [],
      processTree: [
        {
          uid: 'p-1',
          name: 'rundll32.exe',
          depth: 0,
          commandLine: `rundll32.exe comsvcs.dll, MiniDump 624 l.dmp full ${HOSTILE.codeTag}`,
          eventIds: cite,
        },
      ],
      iocs: [
        { type: 'sha256', value: 'a'.repeat(64), count: 1, eventIds: cite },
        { type: 'path', value: HOSTILE.adf, count: 1, eventIds: cite },
        { type: 'url', value: HOSTILE.longLine.slice(0, 1_900), count: 1, eventIds: cite },
      ],
      filteredIndicators: [],
      sweep: { status: 'skipped', eventCount: 0, hits: [] },
      storyline: { events: 1, truncated: false, unreadableEvents: 0 },
      totalEvents: 1,
      omitted: { entries: 0, events: 0 },
    },
    notification: {
      schemaVersion: 1,
      caseId,
      status: 'draft',
      templateId: 'default',
      subject: 'Security incident',
      sections: [{ heading: 'What happened', body: 'LSASS dumped', eventIds: [] }],
      body: 'LSASS dumped',
    },
    report: null,
    evidence: { eventsFetched: 1, endpoints: ['HOST-01'] },
  });
}

/** Stores the sample first look as the case's latest, the way a finished run would. */
export function storeSampleFirstLook({
  db,
  clock,
  tenantId,
  caseId,
}: {
  db: CasebookDb;
  clock: Clock;
  tenantId: string;
  caseId: string;
}): FirstLook {
  const store = createRunStore({ db, clock });
  const runId = `run-${caseId}`;
  const firstLook = sampleFirstLook(caseId);
  store.startRun({ tenantId, caseId, runId, trigger: 'test', models: { triage: 'offline' } });
  store.completeRun({
    tenantId,
    runId,
    firstLook,
    note: { id: `note-${caseId}`, body: 'note' },
    notificationId: `notification-${caseId}`,
    findingId: `finding-${caseId}`,
    usage: { inputTokens: 0, outputTokens: 0 },
    eventsFetched: 1,
  });
  return firstLook;
}
