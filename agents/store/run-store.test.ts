import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createRunStore } from './run-store.ts';

describe('the run store', () => {
  it('keeps a failed run with its steps and reason, and no first look', () => {
    const { db } = openDatabase({ path: ':memory:' });
    const clock = createManualClock(Date.UTC(2026, 0, 5));
    const store = createRunStore({ db, clock });
    const run = { tenantId: 'acme', runId: 'run-1' };

    store.startRun({ ...run, caseId: '42', trigger: 'test', models: { triage: 'offline' } });
    store.recordStep(run, {
      agentId: 'timeline',
      kind: 'tool',
      name: 'get_threat',
      status: 'failed',
      detail: 'HTTP 500',
      startedAt: clock.now(),
      finishedAt: clock.now(),
    });
    clock.advance(250);
    store.failRun({
      ...run,
      failure: {
        stage: 'tool',
        code: 'server_error',
        fault: 'upstream',
        message: 'get_threat failed',
      },
      usage: { inputTokens: 10, outputTokens: 2 },
      eventsFetched: 0,
    });

    expect(store.getRun(run)).toEqual({
      id: 'run-1',
      tenantId: 'acme',
      caseId: '42',
      trigger: 'test',
      status: 'failed',
      models: { triage: 'offline' },
      startedAt: Date.UTC(2026, 0, 5),
      finishedAt: Date.UTC(2026, 0, 5) + 250,
      failure: {
        stage: 'tool',
        code: 'server_error',
        fault: 'upstream',
        message: 'get_threat failed',
      },
      inputTokens: 10,
      outputTokens: 2,
      eventsFetched: 0,
    });
    expect(
      store.listSteps(run).map((step) => `${step.name} ${step.status} ${step.detail}`),
    ).toEqual(['get_threat failed HTTP 500']);
    expect(store.latestFirstLook({ tenantId: 'acme', caseId: '42' })).toBeUndefined();
  });

  it('keeps runs of one tenant out of another', () => {
    const { db } = openDatabase({ path: ':memory:' });
    const store = createRunStore({ db, clock: createManualClock() });
    store.startRun({ tenantId: 'acme', runId: 'run-1', caseId: '42', trigger: 'test', models: {} });

    expect(store.getRun({ tenantId: 'globex', runId: 'run-1' })).toBeUndefined();
  });
});
