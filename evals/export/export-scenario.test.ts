import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { AI_DRAFT_HEADER } from '../../policy/index.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/index.ts';
import { parseEvalCases } from '../parse-eval-cases.ts';
import { runEval } from '../run-eval.ts';
import type { CaseScore } from '../score-case.ts';
import { exportScenario } from './export-scenario.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function simulatorWith(id: string) {
  const scenario = (await loadBuiltinScenarios()).find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`no built-in ${id}`);
  sim = await startSimulator({ scenarios: [scenario], timing: { dvQueryRunningMs: 0 } });
  const client = createSentinelOneClient({ baseUrl: sim.url, token: sim.token });
  const threatId = scenario.threats[0]?.id ?? '';
  return { scenario, client, threatId };
}

/** The analyst's closing note: the scenario's ground truth in the lines the exporter reads. */
function closingNote({ groundTruth: truth }: Scenario): string {
  return [
    'Closed after review with the customer.',
    `Severity: ${truth.severity}`,
    `Techniques: ${truth.techniques.join(', ')}`,
    ...truth.iocs.map((ioc) => `IOC: ${ioc.type} ${ioc.value}`),
    `Affected: ${truth.affectedEndpoints.join(', ')}`,
    `Root cause: ${truth.rootCauseProcessUid}`,
    ...(truth.facts ?? []).map(
      (fact) => `Fact: ${fact.id} | ${fact.text} | ${fact.terms.join(', ')}`,
    ),
  ].join('\n');
}

/** What a replay scored, without where the case came from. */
const scoresOf = ({ caseId: _id, source: _source, ...rest }: CaseScore) => rest;

describe('exportScenario against the simulator', () => {
  it('refuses an open threat and one closed without a verdict', async () => {
    const { client, threatId } = await simulatorWith('phishing-macro-powershell');
    await expect(exportScenario({ client, threatId })).rejects.toMatchObject({
      code: 'THREAT_NOT_CLOSED',
      fault: 'user',
      message: expect.stringContaining('still open (incident status "unresolved")'),
    });
    await client.setIncidentStatus({ threatIds: [threatId], status: 'resolved' });
    await expect(exportScenario({ client, threatId })).rejects.toMatchObject({
      code: 'THREAT_WITHOUT_VERDICT',
    });
  });

  it('round trip: an exported resolved threat scores as its built-in scenario', async () => {
    const { scenario, client, threatId } = await simulatorWith('phishing-macro-powershell');
    await client.setAnalystVerdict({ threatIds: [threatId], verdict: 'true_positive' });
    await client.setIncidentStatus({ threatIds: [threatId], status: 'resolved' });
    await client.addThreatNote({ threatIds: [threatId], text: closingNote(scenario) });
    // casebook's own draft says otherwise; it must not become the ground truth.
    await client.addThreatNote({
      threatIds: [threatId],
      text: `${AI_DRAFT_HEADER}\nSeverity: low\nTechniques: T1003`,
    });

    const { scenario: exported, underived } = await exportScenario({ client, threatId });
    expect(underived).toEqual(['maliciousProcessUids']);
    expect(exported.schemaVersion).toBe(2);
    expect(exported.threats[0]).toMatchObject({
      id: threatId,
      incidentStatus: 'unresolved',
      analystVerdict: 'undefined',
    });
    expect(exported.groundTruth).toMatchObject({
      verdict: 'true_positive',
      severity: 'high',
      techniques: scenario.groundTruth.techniques,
      iocs: scenario.groundTruth.iocs,
      rootCauseProcessUid: scenario.groundTruth.rootCauseProcessUid,
      facts: scenario.groundTruth.facts,
    });
    expect(exported.groundTruth.sourceTechniques.length).toBeGreaterThan(0);
    expect(exported.groundTruth.notes).not.toContain(AI_DRAFT_HEADER);
    expect(exported.events.length).toBeGreaterThan(0);
    expect(exported.events.length).toBeLessThan(scenario.events.length);

    const file = join(mkdtempSync(join(tmpdir(), 'casebook-export-')), 'case.json');
    writeFileSync(file, JSON.stringify(exported));
    const replayed = await runEval({ list: await parseEvalCases({ args: [file] }) });
    const original = await runEval({
      list: await parseEvalCases({ args: ['phishing-macro-powershell'] }),
    });
    const [again] = replayed.scored.cases;
    const [first] = original.scored.cases;
    if (again === undefined || first === undefined) throw new Error('no scores');
    expect(again.status).toBe('succeeded');
    expect(scoresOf(again)).toEqual(scoresOf(first));
  }, 60_000);

  it('marks what a bare closure cannot give; techniques come from indicators', async () => {
    const { client, threatId } = await simulatorWith('lateral-movement-wmi');
    await client.setAnalystVerdict({ threatIds: [threatId], verdict: 'true_positive' });
    await client.setIncidentStatus({ threatIds: [threatId], status: 'resolved' });
    const { scenario, underived } = await exportScenario({ client, threatId });
    expect(underived).toEqual([
      'severity',
      'rootCauseProcessUid',
      'maliciousProcessUids',
      'iocs',
      'facts',
    ]);
    expect(scenario.groundTruth.techniques).toEqual(scenario.groundTruth.sourceTechniques);
    expect(scenario.groundTruth.affectedEndpoints).toEqual(['HR-WS-031']);

    const file = join(mkdtempSync(join(tmpdir(), 'casebook-export-')), 'bare.json');
    writeFileSync(file, JSON.stringify(scenario));
    const [score] = (await runEval({ list: await parseEvalCases({ args: [file] }) })).scored.cases;
    expect(score?.severity.score).toBeNull();
    expect(score?.rootCauseFound).toBeNull();
    expect(score?.iocs.recall).toBeNull();
    expect(score?.text.notification).toBeNull();
  }, 60_000);
});
