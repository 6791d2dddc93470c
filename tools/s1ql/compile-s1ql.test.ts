import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compileS1ql } from './compile-s1ql.ts';
import { FIELDS, findField } from './fields.ts';
import { registerS1qlSqlFunctions } from './sql/register-s1ql-sql-functions.ts';

type EventSpec = Record<string, string | number | boolean>;

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

/** Hand-made events keyed by S1QL 1.0 names; event n happens n minutes after T0. */
const EVENTS: EventSpec[] = [
  {
    EventType: 'Process Creation',
    ObjectType: 'process',
    EndpointOS: 'windows',
    SrcProcName: 'explorer.exe',
    SrcProcCmdLine: 'C:\\Windows\\explorer.exe',
    SrcProcPID: 1200,
    SrcProcIsStorylineRoot: true,
    TgtProcName: 'powershell.exe',
    TgtProcCmdLine: 'powershell.exe -enc SQBFAFgA',
  },
  {
    EventType: 'Process Creation',
    ObjectType: 'process',
    EndpointOS: 'windows',
    SrcProcName: 'cmd.exe',
    SrcProcCmdLine: 'cmd.exe /c start',
    SrcProcPID: 4321,
    SrcProcIsStorylineRoot: false,
    TgtProcName: 'PowerShell.exe',
    TgtProcCmdLine: 'PowerShell -NoProfile -Command Get-ChildItem -Path "\\\\srv\\SYSVOL" -Recurse',
  },
  {
    EventType: 'File Creation',
    ObjectType: 'file',
    EndpointOS: 'windows',
    SrcProcName: 'powershell.exe',
    SrcProcCmdLine: 'powershell -c iwr',
    TgtFilePath: 'C:\\Users\\Public\\evil.exe',
    TgtFileExtension: 'exe',
    TgtFileIsExecutable: true,
    TgtFileSize: 73802,
  },
  {
    EventType: 'File Creation',
    ObjectType: 'file',
    SrcProcName: 'notepad.exe',
    TgtFilePath: 'C:\\Users\\Public\\notes_100%.txt',
    TgtFileIsExecutable: false,
    TgtFileSize: 12,
  },
  {
    EventType: 'File Modification',
    ObjectType: 'file',
    SrcProcName: 'notepad.exe',
    TgtFilePath: 'C:\\Users\\Public\\notesX1000.txt',
    TgtFileIsExecutable: false,
    TgtFileSize: 2048,
  },
  {
    EventType: 'IP Connect',
    ObjectType: 'ip',
    SrcProcName: 'mstsc.exe',
    SrcIP: '10.0.0.2',
    SrcPort: 50123,
    DstIP: '10.0.0.5',
    DstPort: 3389,
    NetEventDirection: 'OUTGOING',
    NetConnStatus: 'SUCCESS',
  },
  {
    EventType: 'IP Connect',
    ObjectType: 'ip',
    SrcProcName: 'chrome.exe',
    SrcPort: 50200,
    DstIP: '93.184.216.34',
    DstPort: 443,
    NetEventDirection: 'OUTGOING',
    NetConnStatus: 'FAILURE',
  },
  {
    EventType: 'IP Listen',
    ObjectType: 'ip',
    SrcProcName: 'nc.exe',
    SrcPort: 4444,
    NetEventDirection: 'INCOMING',
  },
  {
    EventType: 'DNS Resolved',
    ObjectType: 'dns',
    SrcProcName: 'chrome.exe',
    DnsRequest: 'evil.example.com',
    DnsResponse: '93.184.216.34',
  },
  {
    EventType: 'DNS Unresolved',
    ObjectType: 'dns',
    SrcProcName: 'chrome.exe',
    DnsRequest: 'EVIL.Example.com',
  },
  {
    EventType: 'Registry Value Modified',
    ObjectType: 'registry',
    SrcProcName: 'reg.exe',
    RegistryKeyPath: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    RegistryValueType: 'STRING',
  },
  {
    EventType: 'Login',
    ObjectType: 'logins',
    LoginType: 'NETWORK',
    LoginIsSuccessful: false,
    LoginsUserName: 'administrator',
  },
  {
    EventType: 'Login',
    ObjectType: 'logins',
    LoginType: 'REMOTE_INTERACTIVE',
    LoginIsSuccessful: true,
    LoginsUserName: 'alice',
  },
  {
    EventType: 'Behavioral Indicators',
    ObjectType: 'indicators',
    SrcProcName: 'powershell.exe',
    IndicatorName: 'PowershellEncodedCommand',
    IndicatorCategory: 'persistence',
  },
  { EventType: 'GET', ObjectType: 'url', SrcProcName: 'chrome.exe', Url: 'http://ex.com/a_b?x=1' },
  {
    EventType: 'Module Load',
    ObjectType: 'module',
    SrcProcName: 'rundll32.exe',
    ModulePath: 'C:\\Windows\\System32\\comsvcs.dll',
  },
  {
    EventType: 'Task Register',
    ObjectType: 'scheduled_task',
    SrcProcName: 'schtasks.exe',
    SrcProcCmdLine: 'schtasks /create /tn Updater',
    TaskName: '\\Microsoft\\Windows\\Updater',
  },
  {
    EventType: 'Command Script',
    ObjectType: 'command_script',
    SrcProcName: 'powershell.exe',
    SrcProcCmdScript: 'Invoke-Mimikatz -Command "sekurlsa::logonpasswords"',
  },
  {
    EventType: 'File Deletion',
    ObjectType: 'FILE',
    SrcProcName: 'cmd.exe',
    TgtFilePath: 'C:\\Temp\\it\'s "quoted".txt',
  },
  {
    EventType: 'process creation',
    ObjectType: 'process',
    SrcProcName: 'svchost.exe',
    SrcProcCmdLine: '',
    TgtProcName: 'wmic.exe',
  },
];

const ALL = EVENTS.map((_, index) => index + 1);

function except(...ids: number[]): number[] {
  return ALL.filter((id) => !ids.includes(id));
}

function openEventTable(): Database.Database {
  const db = new Database(':memory:');
  const columns = FIELDS.map((field) => {
    const type = field.type === 'string' || field.type === 'enum' ? 'TEXT' : 'INTEGER';
    return `"${field.column}" ${type}`;
  });
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, ${columns.join(', ')})`);

  const insert = db.transaction((events: EventSpec[]) => {
    events.forEach((event, index) => {
      const row: Record<string, string | number> = {
        event_time: T0 + (index + 1) * 60_000,
      };
      for (const [name, value] of Object.entries(event)) {
        const field = findField(name);
        if (field === undefined) throw new Error(`fixture uses unknown field ${name}`);
        row[field.column] = typeof value === 'boolean' ? Number(value) : value;
      }
      const names = Object.keys(row);
      const sql =
        `INSERT INTO events (id, ${names.map((n) => `"${n}"`).join(', ')}) ` +
        `VALUES (?, ${names.map(() => '?').join(', ')})`;
      db.prepare(sql).run(index + 1, ...Object.values(row));
    });
  });
  insert(EVENTS);

  registerS1qlSqlFunctions(db);
  return db;
}

describe('compileS1ql against an event table', () => {
  const db = openEventTable();

  const matches = (text: string): number[] => {
    const result = compileS1ql(text);
    if (!result.ok) throw new Error(result.error.message);
    const sql = `SELECT id FROM events WHERE ${result.sql} ORDER BY id`;
    return db
      .prepare(sql)
      .all(result.params)
      .map((row) => (row as { id: number }).id);
  };

  it('has a column for every catalogue field', () => {
    const names = db
      .prepare('SELECT name FROM pragma_table_info(?)')
      .all('events')
      .map((row) => (row as { name: string }).name);
    expect(names).toEqual(['id', ...FIELDS.map((field) => field.column)]);
  });

  it('matches enum fields case-insensitively in both query and data', () => {
    expect(matches('EventType = "Process Creation"')).toEqual([1, 2, 20]);
    expect(matches('eventtype = "PROCESS CREATION"')).toEqual([1, 2, 20]);
    expect(matches('ObjectType = "File"')).toEqual([3, 4, 5, 19]);
    expect(matches('ObjectType In ("Registry", "DNS")')).toEqual([9, 10, 11]);
    expect(matches('IndicatorCategory = "Persistence"')).toEqual([14]);
    expect(matches('NetEventDirection = "outgoing"')).toEqual([6, 7]);
    expect(matches('NetEventDirection In AnyCase ("outgoing")')).toEqual([6, 7]);
  });

  it('gives enum != the complement of =', () => {
    expect(matches('EventType != "Process Creation"')).toEqual(except(1, 2, 20));
    expect(matches('EventType Not In ("Process Creation", "Login")')).toEqual(
      except(1, 2, 12, 13, 20),
    );
  });

  it('matches text equality case-sensitively and In Anycase case-insensitively', () => {
    expect(matches('TgtProcName = "powershell.exe"')).toEqual([1]);
    expect(matches('TgtProcName In ("powershell.exe", "wmic.exe")')).toEqual([1, 20]);
    expect(matches('TgtProcName In AnyCase ("POWERSHELL.EXE")')).toEqual([1, 2]);
  });

  it('matches Contains case-sensitively and its CIS and Anycase forms case-insensitively', () => {
    expect(matches('TgtProcName Contains "powershell"')).toEqual([1]);
    expect(matches('TgtProcName ContainsCIS "powershell"')).toEqual([1, 2]);
    expect(matches('TgtProcName Contains Anycase "POWERSHELL"')).toEqual([1, 2]);
  });

  it('lets events without the field pass negated conditions', () => {
    expect(matches('SrcProcName Does Not Contain "exe"')).toEqual([12, 13]);
    expect(matches('NOT SrcProcName Contains "chrome"')).toEqual(except(7, 9, 10, 15));
    expect(matches('SrcProcName != "chrome.exe"')).toEqual(except(7, 9, 10, 15));
    expect(matches('SrcProcName Not In ("chrome.exe", "cmd.exe")')).toEqual(
      except(2, 7, 9, 10, 15, 19),
    );
    expect(matches('NOT DstPort > "1000"')).toEqual(except(6));
    expect(matches('NOT TgtProcCmdLine RegExp "enc"')).toEqual(except(1));
  });

  it('makes NOT an exact complement for every operator', () => {
    const conditions = [
      'SrcProcName = "cmd.exe"',
      'SrcProcName ContainsCIS "EXE"',
      'SrcProcCmdLine StartsWith "cmd"',
      'SrcProcCmdLine EndsWithCIS "START"',
      'SrcProcCmdLine RegExp "^s"',
      'SrcProcName In Contains Anycase ("CHROME", "nc")',
      'DstPort <= "3389"',
      'SrcPort Between "4000" AND "50150"',
      'SrcProcCmdLine Is Empty',
      'TgtFileIsExecutable Is True',
      'EventTime > "2024-05-01T10:10:00Z"',
    ];
    for (const condition of conditions) {
      const positive = matches(condition);
      expect(matches(`NOT ${condition}`)).toEqual(except(...positive));
    }
  });

  it('treats % and _ in values literally', () => {
    expect(matches('TgtFilePath Contains "notes_1"')).toEqual([4]);
    expect(matches('TgtFilePath ContainsCIS "NOTES_1"')).toEqual([4]);
    expect(matches('TgtFilePath Contains "100%"')).toEqual([4]);
    expect(matches('TgtFilePath EndsWith "%.txt"')).toEqual([4]);
    expect(matches('TgtFilePath EndsWithCIS "%.TXT"')).toEqual([4]);
    expect(matches('Url Contains "a_b"')).toEqual([15]);
    expect(matches('Url ContainsCIS "a%b"')).toEqual([]);
  });

  it('matches quotes and apostrophes in values', () => {
    expect(matches('TgtFilePath Contains "\\"quoted\\""')).toEqual([19]);
    expect(matches('TgtFilePath Contains "it\'s"')).toEqual([19]);
    expect(matches('SrcProcCmdScript Contains "-Command \\"sekurlsa::"')).toEqual([18]);
  });

  it('matches unescaped Windows paths', () => {
    expect(matches('TgtFilePath StartsWith "C:\\Users\\Public\\"')).toEqual([3, 4, 5]);
    expect(matches('TgtFilePath StartsWith "c:\\users\\public\\"')).toEqual([]);
    expect(matches('TgtFilePath StartsWithCIS "c:\\users\\public\\"')).toEqual([3, 4, 5]);
    expect(matches('TgtFilePath StartsWith Anycase "C:\\USERS\\"')).toEqual([3, 4, 5]);
    expect(matches('TgtFilePath containsCIS "\\Users\\Public\\"')).toEqual([3, 4, 5]);
    expect(matches('RegistryKeyPath EndsWith "\\CurrentVersion\\Run"')).toEqual([11]);
    expect(matches('RegistryKeyPath ContainsCIS "currentversion\\run"')).toEqual([11]);
    expect(matches('TaskName StartsWith "\\Microsoft\\"')).toEqual([17]);
  });

  it('matches the escaped-quote command line from a published query', () => {
    expect(
      matches('TgtProcCmdLine Contains "Get-ChildItem -Path \\"\\\\srv\\SYSVOL\\" -Recurse"'),
    ).toEqual([2]);
  });

  it('compares ports numerically, quoted or not', () => {
    expect(matches('DstPort = "3389"')).toEqual([6]);
    expect(matches('DstPort = 3389')).toEqual([6]);
    expect(matches('DstPort > "1000"')).toEqual([6]);
    expect(matches('DstPort >= "443"')).toEqual([6, 7]);
    expect(matches('DstPort < 500')).toEqual([7]);
    expect(matches('DstPort In ("443", "3389")')).toEqual([6, 7]);
    expect(matches('SrcPort Between "4000" AND "50150"')).toEqual([6, 8]);
    expect(matches('SrcProcPID > 2000')).toEqual([2]);
    expect(matches('TgtFileSize > "1000"')).toEqual([3, 5]);
  });

  it('compares EventTime with ISO values, offsets and epoch milliseconds', () => {
    expect(matches('EventTime >= "2024-05-01T10:18:00Z"')).toEqual([18, 19, 20]);
    expect(
      matches('EventTime Between "2024-05-01T10:05:00Z" AND "2024-05-01T10:07:00.000Z"'),
    ).toEqual([5, 6, 7]);
    expect(matches('EventTime < "2024-05-01T12:03:00+02:00"')).toEqual([1, 2]);
    expect(matches(`EventTime = "${T0 + 4 * 60_000}"`)).toEqual([4]);
    expect(matches('EventTime > "2024-05-01 10:19"')).toEqual([20]);
  });

  it('compares booleans stored as 0/1', () => {
    expect(matches('TgtFileIsExecutable = "true"')).toEqual([3]);
    expect(matches('TgtFileIsExecutable Is False')).toEqual([4, 5]);
    expect(matches('TgtFileIsExecutable != "true"')).toEqual(except(3));
    expect(matches('LoginIsSuccessful = "FALSE"')).toEqual([12]);
    expect(matches('SrcProcIsStorylineRoot Is True')).toEqual([1]);
  });

  it('tells empty from absent', () => {
    expect(matches('SrcProcCmdLine Exists')).toEqual([1, 2, 3, 17, 20]);
    expect(matches('SrcProcCmdLine Is Not Empty')).toEqual([1, 2, 3, 17]);
    expect(matches('SrcProcCmdLine Is Empty')).toEqual(except(1, 2, 3, 17));
    expect(matches('NOT SrcProcCmdLine Exists')).toEqual(except(1, 2, 3, 17, 20));
    expect(matches('TgtFileSize Is Empty')).toEqual(except(3, 4, 5));
  });

  it('matches an empty needle on every event that has the field', () => {
    expect(matches('SrcProcName Contains ""')).toEqual(except(12, 13));
    expect(matches('SrcProcName ContainsCIS ""')).toEqual(except(12, 13));
  });

  it('runs regular expressions with inline and operator flags', () => {
    expect(matches('TgtProcCmdLine RegExp "-enc\\s+[A-Za-z0-9+/=]+"')).toEqual([1]);
    expect(matches('TgtProcCmdLine RegExp "^powershell"')).toEqual([1]);
    expect(matches('TgtProcCmdLine RegExp "(?i)^powershell"')).toEqual([1, 2]);
    expect(matches('TgtProcCmdLine RegExpCIS "^POWERSHELL"')).toEqual([1, 2]);
    expect(matches('SrcProcCmdScript RegExp "Invoke-(Mimikatz|Shellcode)"')).toEqual([18]);
  });

  it('matches In Contains lists with and without case', () => {
    expect(matches('DnsRequest In Contains Anycase ("evil.example", "nothing")')).toEqual([9, 10]);
    expect(matches('DnsRequest In Contains ("EVIL")')).toEqual([10]);
    const decoys = Array.from({ length: 60 }, (_, i) => `"decoy${i}.exe"`);
    expect(matches(`SrcProcName In Contains Anycase (${decoys.join(', ')}, "NC.EXE")`)).toEqual([
      8,
    ]);
  });

  it('resolves legacy aliases to their fields', () => {
    expect(matches('ProcessName = "nc.exe"')).toEqual([8]);
    expect(matches('FileFullName EndsWith ".exe"')).toEqual([3]);
    expect(matches('AgentOS = "WINDOWS"')).toEqual([1, 2, 3]);
  });

  it('follows precedence and parentheses', () => {
    expect(
      matches('SrcProcName = "nc.exe" OR SrcProcName = "chrome.exe" AND EventType = "GET"'),
    ).toEqual([8, 15]);
    expect(
      matches(
        '(SrcProcName = "chrome.exe" OR SrcProcName = "cmd.exe") AND NOT EventType = "IP Connect"',
      ),
    ).toEqual([2, 9, 10, 15, 19]);
    expect(matches('NOT (NOT SrcProcName = "nc.exe")')).toEqual([8]);
  });

  it('runs a multi-line hunt in mixed keyword case', () => {
    const hunt = `objecttype = "file"
      and ( TgtFilePath containscis "\\users\\public\\"
            or TgtFilePath endswith ".txt" )
      AND not TgtFileIsExecutable is true`;
    expect(matches(hunt)).toEqual([4, 5, 19]);
  });

  it('returns the error instead of SQL for a bad query', () => {
    expect(compileS1ql('SrcProcName Contains ')).toEqual({
      ok: false,
      error: {
        message:
          'line 1, column 22: expected a value in double quotes after "Contains", ' +
          'found end of query',
        line: 1,
        column: 22,
        offset: 21,
        length: 0,
        expected: ['a value in double quotes'],
      },
    });
  });

  it('passes columnFor through', () => {
    const result = compileS1ql('SrcIP = "1"', { columnFor: (field) => `e.${field.column}` });
    expect(result.ok && result.sql).toBe('"e"."src_ip_address" IS ?');
  });
});
