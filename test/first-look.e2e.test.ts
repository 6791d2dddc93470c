import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { checkCitations, FirstLook, type FirstLook as FirstLookType } from '../agents/index.ts';
import { isPostableAiDraft } from '../policy/index.ts';
import { TENANT } from '../policy/testing/policy-harness.ts';
import { Scenario } from '../sim/scenario.ts';
import { evidenceFromScenarioEvents, techniqueMappingOf } from '../tools/analysis/index.ts';
import { analyseScenario } from './first-look-harness.ts';

const SCENARIO_DIR = fileURLToPath(new URL('../sim/scenarios/', import.meta.url));

const SCENARIOS = readdirSync(SCENARIO_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => Scenario.parse(JSON.parse(readFileSync(`${SCENARIO_DIR}${name}`, 'utf8'))));

/** Ground-truth techniques the rule library can see in the scenario's telemetry at all. */
function supportedTechniques(scenario: Scenario): string[] {
  const { events } = evidenceFromScenarioEvents(scenario.events);
  const mapped = new Set(techniqueMappingOf(events).techniques.map((technique) => technique.id));
  return scenario.groundTruth.techniques.filter((id) => mapped.has(id)).sort();
}

function scenarioEventIds(scenario: Scenario): Set<string> {
  return new Set(scenario.events.map((event) => String(event['event.id'])));
}

describe('the first look on the built-in scenarios (offline model)', () => {
  it('has the four built-in scenarios to work on', () => {
    expect(SCENARIOS.map((scenario) => scenario.id)).toEqual([
      'admin-psexec-deployment',
      'lateral-movement-wmi',
      'phishing-macro-powershell',
      'prompt-injection-telemetry',
    ]);
  });

  describe.each(SCENARIOS.map((scenario) => ({ id: scenario.id, scenario })))(
    '$id',
    ({ scenario }) => {
      it('has the true verdict, severity and seen techniques, citing fetched events', async () => {
        await analyseScenario({
          scenario,
          inspect: ({ result, stored, steps }) => {
            if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.failure));
            const { triage, timeline } = result.firstLook;

            expect(triage.verdict).toBe(scenario.groundTruth.verdict);
            expect(triage.severity).toBe(scenario.groundTruth.severity);
            const found = new Set(triage.techniques.map((technique) => technique.id));
            expect(supportedTechniques(scenario).filter((id) => !found.has(id))).toEqual([]);

            const known = scenarioEventIds(scenario);
            const check = checkCitations(result.firstLook, known);
            expect(check.cited).toBeGreaterThan(20);
            expect(check.unresolved).toEqual([]);
            for (const technique of triage.techniques)
              expect(technique.eventIds.length).toBeGreaterThan(0);
            expect(timeline.entries.length).toBeGreaterThanOrEqual(3);

            const rows = stored();
            expect(rows.runs.map((run) => run.status)).toEqual(['succeeded']);
            expect(rows.findings).toHaveLength(1);
            expect(FirstLook.parse(JSON.parse(rows.findings[0]?.json ?? '{}'))).toEqual(
              result.firstLook,
            );
            expect(rows.drafts.map((draft) => `${draft.kind} ${draft.status}`).sort()).toEqual([
              'case_note posted',
              'notification draft',
            ]);
            expect(result.firstLook.notification.status).toBe('draft');
            expect(steps().at(-1)).toMatchObject({ kind: 'note', status: 'ok' });
          },
        });
      });
    },
  );

  it('finds the root cause and the lateral movement of the WMI case', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'lateral-movement-wmi');
    if (scenario === undefined) throw new Error('no lateral-movement-wmi scenario');
    await analyseScenario({
      scenario,
      inspect: ({ result }) => {
        if (result.status !== 'succeeded') throw new Error(result.failure.message);
        const { triage, timeline } = result.firstLook;

        expect(triage.rootCause?.processUid).toBe(scenario.groundTruth.rootCauseProcessUid);
        expect(triage.lateralMovement.detected).toBe(true);
        expect(
          triage.affectedEndpoints.map((endpoint) => `${endpoint.name} ${endpoint.role}`),
        ).toEqual(['HR-WS-031 origin', 'FILESRV-02 lateral']);
        expect(triage.affectedUsers.map((user) => user.name).sort()).toEqual([
          'ACME\\d.chen',
          'ACME\\svc_backup',
        ]);
        expect(timeline.sweep.status).toBe('ran');
        expect(timeline.sweep.hits.map((hit) => hit.endpoint)).toEqual(['FILESRV-02']);
        const iocs = new Set(timeline.iocs.map((ioc) => `${ioc.type} ${ioc.value}`));
        const missed = scenario.groundTruth.iocs.filter(
          (ioc) => !iocs.has(`${ioc.type} ${ioc.value}`),
        );
        expect(missed).toEqual([]);
      },
    });
  });

  it("calls the administrators' PsExec deployment a false positive, moderately sure", async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'admin-psexec-deployment');
    if (scenario === undefined) throw new Error('no admin-psexec-deployment scenario');
    await analyseScenario({
      scenario,
      inspect: ({ result }) => {
        if (result.status !== 'succeeded') throw new Error(result.failure.message);
        const { triage } = result.firstLook;

        expect(triage.verdict).toBe('false_positive');
        expect(triage.confidence).toBeLessThan(0.8);
        expect(triage.signals.map((signal) => signal.id)).toEqual(
          expect.arrayContaining(['internal-only', 'remote-administration-only']),
        );
        expect(triage.recommendedSteps[0]?.action).toMatch(/close the case as a false positive/);
      },
    });
  });

  it('gives the same case the same first look, byte for byte', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'phishing-macro-powershell');
    if (scenario === undefined) throw new Error('no phishing scenario');
    const once = () =>
      analyseScenario({
        scenario,
        inspect: ({ result }) => {
          if (result.status !== 'succeeded') throw new Error(result.failure.message);
          return JSON.stringify(result.firstLook);
        },
      });

    const [first, second] = [await once(), await once()];

    expect(second).toBe(first);
    expect((JSON.parse(first) as FirstLookType).models).toEqual({
      supervisor: 'offline',
      triage: 'offline',
      timeline: 'offline',
      comms: 'offline',
      reporter: 'offline',
    });
  });

  it('writes the post-incident report on request, citing fetched events', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'phishing-macro-powershell');
    if (scenario === undefined) throw new Error('no phishing scenario');
    await analyseScenario({
      scenario,
      report: true,
      inspect: ({ result }) => {
        if (result.status !== 'succeeded') throw new Error(result.failure.message);
        const report = result.firstLook.report;

        expect(report?.sections.map((section) => section.heading)).toEqual([
          'Summary',
          'Timeline',
          'Root cause',
          'Impact',
          'Actions taken',
          'Recommendations',
          'Indicators',
        ]);
        expect(report?.markdown).toMatch(/^# Post-incident report: Malware on FIN-WS-042/);
        expect(report?.markdown).toContain('hxxp://docs-invoice-portal[.]example/dl/wupdsvc.bin');
        expect(checkCitations(report, scenarioEventIds(scenario)).unresolved).toEqual([]);
      },
    });
  });

  it('posts the first look as an AI-draft note with no live link', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'lateral-movement-wmi');
    if (scenario === undefined) throw new Error('no lateral-movement-wmi scenario');
    await analyseScenario({
      scenario,
      inspect: async ({ result, harness }) => {
        const notes = await harness.client.listThreatNotes({
          threatId: scenario.threats[0]?.id ?? '',
        });
        const texts = notes.items.map((note) => note.text);

        expect(result.status).toBe('succeeded');
        expect(texts).toHaveLength(1);
        expect(isPostableAiDraft(texts[0] ?? '')).toBe(true);
        expect(texts[0]).toContain('198[.]51[.]100[.]23');
        expect(texts[0]).toContain('hxxps://sync-onedrive-cdn[.]example/u.ps1');
        expect(TENANT).toBe('acme');
      },
    });
  });
});
