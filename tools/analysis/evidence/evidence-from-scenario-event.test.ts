import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import {
  evidenceFromScenarioEvent,
  evidenceFromScenarioEvents,
} from './evidence-from-scenario-event.ts';

const CREATION = {
  'event.id': '1700000000000000001',
  'event.type': 'Process Creation',
  'event.category': 'process',
  'event.time': '2026-01-05T09:00:01.250Z',
  'agent.uuid': 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  'endpoint.name': 'FIN-WS-07',
  'src.process.name': 'WINWORD.EXE',
  'src.process.uid': 'AAAAAAAAAAAAAAA1',
  'src.process.pid': 4120,
  'tgt.process.name': 'cmd.exe',
  'tgt.process.cmdline': 'cmd.exe /c powershell -enc SQBFAFgA',
  'tgt.process.uid': 'AAAAAAAAAAAAAAA2',
  'tgt.process.pid': 5012,
  'tgt.process.integrityLevel': 'MEDIUM',
  'tgt.process.image.sha256': 'AB'.repeat(32),
  'site.name': 'Default site',
};

describe('evidenceFromScenarioEvent', () => {
  it('converts a scenario process creation into source and target processes', () => {
    expect(evidenceFromScenarioEvent(CREATION)).toEqual({
      id: '1700000000000000001',
      time: Date.UTC(2026, 0, 5, 9, 0, 1, 250),
      type: 'Process Creation',
      category: 'process',
      endpoint: { name: 'FIN-WS-07', agentUuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
      process: { name: 'WINWORD.EXE', pid: 4120, uid: 'AAAAAAAAAAAAAAA1' },
      target: {
        process: {
          name: 'cmd.exe',
          cmdline: 'cmd.exe /c powershell -enc SQBFAFgA',
          sha256: 'ab'.repeat(32),
          pid: 5012,
          uid: 'AAAAAAAAAAAAAAA2',
          integrity: 'MEDIUM',
        },
      },
      untrusted: ['process.name', 'target.process.name', 'target.process.cmdline'],
    });
  });

  it('reads script content and login fields', () => {
    const event = evidenceFromScenarioEvent({
      ...CREATION,
      'event.type': 'Login',
      'event.login.type': 'NETWORK',
      'event.login.loginIsSuccessful': false,
      'event.login.userName': 'admin',
      'cmdScript.content': 'Invoke-Mimikatz',
    });

    expect(event.target.login).toEqual({ type: 'NETWORK', success: false, userName: 'admin' });
    expect(event.target.script).toEqual({ content: 'Invoke-Mimikatz' });
    expect(event.category).toBe('logins');
  });

  it('accepts epoch milliseconds as the event time', () => {
    expect(evidenceFromScenarioEvent({ ...CREATION, 'event.time': 1767603601250 }).time).toBe(
      1767603601250,
    );
  });

  it('names the scenario key of every bad value', () => {
    const bad = { ...CREATION, 'event.id': '', 'tgt.process.pid': -4 };

    expect(() => evidenceFromScenarioEvent(bad)).toThrow(
      'scenario event (no id) is malformed: event.id: expected a non-empty event id; ' +
        'tgt.process.pid: expected a non-negative integer, got -4',
    );
    expect(() => evidenceFromScenarioEvent(bad)).toThrow(AnalysisError);
  });
});

describe('evidenceFromScenarioEvents', () => {
  it('converts the good events and reports the index of the bad ones', () => {
    const { events, rejected } = evidenceFromScenarioEvents([
      CREATION,
      { ...CREATION, 'event.id': '9', 'event.type': 'Process Creatoin' },
    ]);

    expect(events).toHaveLength(1);
    expect(rejected).toEqual([
      {
        index: 1,
        id: '9',
        problems: [{ path: 'event.type', message: 'unknown event type "Process Creatoin"' }],
      },
    ]);
  });
});
