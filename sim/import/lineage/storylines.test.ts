import { describe, expect, it } from 'vitest';
import { recordsOf } from '../testing/records.ts';
import { guid, sysmonProcessCreate } from '../testing/windows-events.ts';
import { ProcessTable } from './process-table.ts';
import {
  assignStorylines,
  descendantsOf,
  storylineAncestry,
  storylineIdFor,
} from './storylines.ts';

/** explorer → winword → cmd → powershell, and services → svchost → wmiprvse → cmd. */
function buildTable() {
  const records = recordsOf([
    sysmonProcessCreate({
      utc: '2024-03-01 10:00:00.000',
      processGuid: guid(2),
      pid: 200,
      image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
      commandLine: 'WINWORD.EXE /n invoice.docm',
      parentGuid: guid(1),
      parentPid: 100,
      parentImage: 'C:\\Windows\\explorer.exe',
    }),
    sysmonProcessCreate({
      utc: '2024-03-01 10:00:05.000',
      processGuid: guid(3),
      pid: 300,
      image: 'C:\\Windows\\System32\\cmd.exe',
      commandLine: 'cmd.exe /c powershell -enc AAAA',
      parentGuid: guid(2),
      parentPid: 200,
      parentImage: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
    }),
    sysmonProcessCreate({
      utc: '2024-03-01 10:00:06.000',
      processGuid: guid(4),
      pid: 400,
      image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      commandLine: 'powershell -enc AAAA',
      parentGuid: guid(3),
      parentPid: 300,
      parentImage: 'C:\\Windows\\System32\\cmd.exe',
    }),
    sysmonProcessCreate({
      utc: '2024-03-01 10:01:00.000',
      processGuid: guid(6),
      pid: 600,
      image: 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe',
      commandLine: 'wmiprvse.exe -Embedding',
      parentGuid: guid(5),
      parentPid: 500,
      parentImage: 'C:\\Windows\\System32\\svchost.exe',
    }),
    sysmonProcessCreate({
      utc: '2024-03-01 10:01:01.000',
      processGuid: guid(7),
      pid: 700,
      image: 'C:\\Windows\\System32\\cmd.exe',
      commandLine: 'cmd.exe /q /c whoami',
      parentGuid: guid(6),
      parentPid: 600,
      parentImage: 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe',
    }),
  ]);
  const table = new ProcessTable();
  for (const record of records) {
    table.addSysmonCreation(record.host, record.fields, record.time);
  }
  const count = assignStorylines(table);
  const byPid = (pid: number) => [...table.nodes()].find((node) => node.pid === pid);
  return { table, count, byPid };
}

describe('storylines', () => {
  it('roots a storyline at a child of a boundary process', () => {
    const { byPid } = buildTable();
    const word = byPid(200);

    expect(word?.isStorylineRoot).toBe(true);
    expect(word?.storylineId).toBe(storylineIdFor(word?.uid ?? ''));
    expect(byPid(300)?.storylineId).toBe(word?.storylineId);
    expect(byPid(400)?.storylineId).toBe(word?.storylineId);
    expect(byPid(400)?.isStorylineRoot).toBe(false);
  });

  it('gives processes of unknown parentage and boundary processes their own storylines', () => {
    const { byPid, count } = buildTable();
    const explorer = byPid(100);
    const wmi = byPid(600);
    const remoteCmd = byPid(700);

    expect(explorer?.isStorylineRoot).toBe(true);
    expect(explorer?.storylineId).not.toBe(byPid(200)?.storylineId);
    expect(wmi?.isStorylineRoot).toBe(true);
    expect(remoteCmd?.isStorylineRoot).toBe(true);
    expect(remoteCmd?.storylineId).not.toBe(wmi?.storylineId);
    // explorer, winword tree, svchost, wmiprvse, remote cmd.
    expect(count).toBe(5);
  });

  it('uses 16 upper-case hex digits for uids and storyline ids', () => {
    const { table } = buildTable();

    for (const node of table.nodes()) {
      expect(node.uid).toMatch(/^[0-9A-F]{16}$/);
      expect(node.storylineId).toMatch(/^[0-9A-F]{16}$/);
    }
  });

  it('lists the ancestry up to the storyline root and the descendants in start order', () => {
    const { table, byPid } = buildTable();
    const powershell = byPid(400);
    const word = byPid(200);
    if (powershell === undefined || word === undefined) {
      throw new Error('fixture processes missing');
    }

    expect(storylineAncestry(table, powershell).map((node) => node.pid)).toEqual([200, 300, 400]);
    expect(descendantsOf(word).map((node) => node.pid)).toEqual([300, 400]);
  });

  it('keeps the same uid for the same ProcessGuid across imports', () => {
    const first = buildTable().byPid(400)?.uid;

    expect(buildTable().byPid(400)?.uid).toBe(first);
  });
});
