import { describe, expect, it } from 'vitest';
import type { S1qlExpr, S1qlQuery } from './ast.ts';
import { findField } from './fields.ts';
import { parseS1ql } from './parse-s1ql.ts';
import type { S1qlErrorData } from './s1ql-syntax-error.ts';

/** A compact rendering of a tree, so a test can state a whole shape in one line. */
function sketch(node: S1qlExpr): string {
  const field = 'field' in node ? node.field.def.v1 : '';
  const not = 'negated' in node && node.negated ? '!' : '';
  const ci = 'caseInsensitive' in node && node.caseInsensitive ? '/i' : '';
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.operands.map(sketch).join(` ${node.kind.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${sketch(node.operand)}`;
    case 'comparison':
      return `${field} ${node.comparator} ${JSON.stringify(node.value.text)}`;
    case 'stringMatch':
      return `${field} ${not}${node.mode}${ci} ${JSON.stringify(node.value.text)}`;
    case 'inList': {
      const values = node.values.map((value) => JSON.stringify(value.text)).join(', ');
      const match = node.match === 'contains' ? 'in-contains' : 'in';
      return `${field} ${not}${match}${ci} [${values}]`;
    }
    case 'exists':
      return `${field} exists`;
    case 'isEmpty':
      return `${field} ${not}empty`;
    case 'between':
      return `${field} between ${JSON.stringify(node.low.text)}..${JSON.stringify(node.high.text)}`;
    case 'isBoolean':
      return `${field} is ${node.value}`;
  }
}

function parsed(text: string): S1qlQuery {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error.message}`);
  return result.query;
}

function shapeOf(text: string): string {
  return sketch(parsed(text).root);
}

function errorOf(text: string): S1qlErrorData {
  const result = parseS1ql(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error;
}

describe('parseS1ql on queries in the shapes hunters publish', () => {
  it('parses an event type and a case-insensitive process name', () => {
    expect(shapeOf('EventType = "Process Creation" AND TgtProcName ContainsCIS "rundll32"')).toBe(
      '(EventType = "Process Creation" AND TgtProcName contains/i "rundll32")',
    );
  });

  it('reads keywords in any case', () => {
    expect(
      shapeOf(
        'eventtype = "File Creation" and tgtfilepath endswithcis ".ps1" OR NOT SrcProcName EXISTS',
      ),
    ).toBe(
      '((EventType = "File Creation" AND TgtFilePath endsWith/i ".ps1") OR NOT SrcProcName exists)',
    );
  });

  it('reads field names in any case and resolves legacy aliases', () => {
    const query = parsed(
      'srcprocCMDline Contains "x" AND ProcessName = "y" AND FileFullName Exists',
    );
    expect(sketch(query.root)).toBe(
      '(SrcProcCmdLine contains "x" AND SrcProcName = "y" AND TgtFilePath exists)',
    );
    const root = query.root;
    if (root.kind !== 'and') throw new Error('expected an And');
    const names = root.operands.map((node) => ('field' in node ? node.field.name : ''));
    expect(names).toEqual(['srcprocCMDline', 'ProcessName', 'FileFullName']);
  });

  it('resolves dotted S1QL 2.0 names to the same fields', () => {
    const result = parseS1ql('tgt.file.path Contains "x"', { dialect: '1.0' });
    expect(result.ok && sketch(result.query.root)).toBe('TgtFilePath contains "x"');
  });

  it('reads a query whose every field is dotted as S1QL 2.0, where contains ignores case', () => {
    expect(parsed('tgt.file.path Contains "x"').dialect).toBe('s1ql-2.0');
    expect(shapeOf('tgt.file.path Contains "x"')).toBe('TgtFilePath contains/i "x"');
  });

  it('expands a legacy multi-field name into the same condition on each member', () => {
    expect(shapeOf('CmdLine ContainsCIS "-enc"')).toBe(
      '(SrcProcCmdLine contains/i "-enc" OR TgtProcCmdLine contains/i "-enc")',
    );
    expect(shapeOf('IP != "10.0.0.1"')).toBe('(SrcIP != "10.0.0.1" AND DstIP != "10.0.0.1")');
    expect(shapeOf('Sha256 In ("ab")')).toBe(
      '(SrcProcImageSha256 in ["ab"] OR TgtProcImageSha256 in ["ab"] OR TgtFileSha256 in ["ab"])',
    );
    const root = parsed('cmdline Does Not Contain "x"').root;
    expect(root.kind === 'and' && root.fieldGroup).toBe('CmdLine');
  });

  it('carries the catalogue entry on each field reference', () => {
    const root = parsed('AgentName = "WS-01"').root;
    expect(root.kind === 'comparison' && root.field.def).toBe(findField('EndpointName'));
  });

  it('binds AND tighter than OR', () => {
    expect(shapeOf('SrcProcName = "1" OR SrcIP = "2" AND DstIP = "3"')).toBe(
      '(SrcProcName = "1" OR (SrcIP = "2" AND DstIP = "3"))',
    );
  });

  it('binds NOT tighter than AND', () => {
    expect(shapeOf('NOT SrcIP = "1" AND DstIP = "2"')).toBe('(NOT SrcIP = "1" AND DstIP = "2")');
  });

  it('keeps parenthesised groups as their own nodes and flattens plain chains', () => {
    expect(shapeOf('(SrcIP = "1" AND DstIP = "2") AND SrcPort = "3" AND DstPort = "4"')).toBe(
      '((SrcIP = "1" AND DstIP = "2") AND SrcPort = "3" AND DstPort = "4")',
    );
  });

  it('parses nested parentheses with free spacing and newlines', () => {
    const text = `( EventType = "Process Creation"  AND
      (  ( SrcProcName ContainsCIS "winword"  OR SrcProcName ContainsCIS "excel" )
        AND ( TgtProcName In Contains Anycase ( "powershell" , "cmd" ) ) ) )`;
    expect(shapeOf(text)).toBe(
      '(EventType = "Process Creation" AND ((SrcProcName contains/i "winword" OR ' +
        'SrcProcName contains/i "excel") AND TgtProcName in-contains/i ["powershell", "cmd"]))',
    );
  });

  it('parses NOT before a group and a double NOT', () => {
    expect(shapeOf('NOT (SrcIP = "1" OR NOT NOT DstIP = "2")')).toBe(
      'NOT (SrcIP = "1" OR NOT NOT DstIP = "2")',
    );
  });

  it('parses every string operator spelling', () => {
    const cases: [string, string][] = [
      ['Contains', 'contains'],
      ['ContainsCIS', 'contains/i'],
      ['Contains Anycase', 'contains/i'],
      ['Does Not Contain', '!contains'],
      ['Does Not ContainCIS', '!contains/i'],
      ['does not contain anycase', '!contains/i'],
      ['StartsWith', 'startsWith'],
      ['StartsWithCIS', 'startsWith/i'],
      ['StartsWith Anycase', 'startsWith/i'],
      ['EndsWith', 'endsWith'],
      ['EndsWithCIS', 'endsWith/i'],
      ['EndsWith AnyCase', 'endsWith/i'],
      ['RegExp', 'regexp'],
      ['REGEXPCIS', 'regexp/i'],
    ];
    for (const [operator, expected] of cases) {
      expect(shapeOf(`SrcProcName ${operator} "x"`)).toBe(`SrcProcName ${expected} "x"`);
    }
  });

  it('parses every list operator spelling', () => {
    const cases: [string, string][] = [
      ['In', 'in'],
      ['In AnyCase', 'in/i'],
      ['In Anycase', 'in/i'],
      ['In Contains', 'in-contains'],
      ['In Contains Anycase', 'in-contains/i'],
      ['Not In', '!in'],
      ['NOT IN ANYCASE', '!in/i'],
      ['Not In Contains', '!in-contains'],
      ['Not In Contains Anycase', '!in-contains/i'],
    ];
    for (const [operator, expected] of cases) {
      expect(shapeOf(`SrcProcName ${operator} ("a","b")`)).toBe(
        `SrcProcName ${expected} ["a", "b"]`,
      );
    }
  });

  it('parses the presence, boolean and range operators', () => {
    expect(shapeOf('SrcProcName Exists')).toBe('SrcProcName exists');
    expect(shapeOf('SrcProcName IS EMPTY')).toBe('SrcProcName empty');
    expect(shapeOf('SrcProcName Is Not Empty')).toBe('SrcProcName !empty');
    expect(shapeOf('TgtFileIsExecutable Is True')).toBe('TgtFileIsExecutable is true');
    expect(shapeOf('TgtFileIsExecutable is false')).toBe('TgtFileIsExecutable is false');
    expect(shapeOf('EventTime Between "2024-01-01" AND "2024-01-02"')).toBe(
      'EventTime between "2024-01-01".."2024-01-02"',
    );
  });

  it('reads a Between whose AND is followed by more conditions', () => {
    expect(shapeOf('DstPort Between "1" and "1024" AND SrcIP = "x"')).toBe(
      '(DstPort between "1".."1024" AND SrcIP = "x")',
    );
  });

  it('accepts unquoted numbers and marks them unquoted', () => {
    const root = parsed('DstPort = 3389').root;
    expect(root.kind === 'comparison' && root.value).toEqual({
      text: '3389',
      quoted: false,
      span: { start: 10, end: 14, line: 1, column: 11 },
    });
  });

  it('accepts bare true and false', () => {
    expect(shapeOf('TgtFileIsExecutable = true AND LoginIsSuccessful != FALSE')).toBe(
      '(TgtFileIsExecutable = "true" AND LoginIsSuccessful != "FALSE")',
    );
  });

  it('keeps unescaped Windows paths, even ending in a backslash', () => {
    expect(
      shapeOf(
        'TgtFilePath ContainsCIS "\\Users\\Public\\" AND ' +
          'SrcProcImagePath StartsWith "C:\\Windows\\"',
      ),
    ).toBe(
      '(TgtFilePath contains/i "\\\\Users\\\\Public\\\\" AND ' +
        'SrcProcImagePath startsWith "C:\\\\Windows\\\\")',
    );
  });

  it('reads escaped quotes inside a command line', () => {
    const root = parsed(
      'SrcProcCmdLine Contains "Get-ChildItem -Path \\"\\\\$Server\\SYSVOL\\" -Recurse"',
    ).root;
    expect(root.kind === 'stringMatch' && root.value.text).toBe(
      'Get-ChildItem -Path "\\\\$Server\\SYSVOL" -Recurse',
    );
  });

  it('parses a long In Contains list of the kind detection packs publish', () => {
    const tools = Array.from({ length: 60 }, (_, index) => `tool${index}.exe`);
    const text = `TgtProcName In Contains Anycase (${tools.map((t) => `"${t}"`).join(', ')})`;
    const root = parsed(text).root;
    expect(root.kind === 'inList' && root.values.map((value) => value.text)).toEqual(tools);
  });

  it('parses a multi-line registry persistence hunt', () => {
    const text = [
      'ObjectType = "Registry" AND',
      'RegistryKeyPath In Contains Anycase (',
      '  "\\CurrentVersion\\Run\\",',
      '  "\\CurrentVersion\\RunOnce\\"',
      ') AND NOT SrcProcName In AnyCase ("msiexec.exe", "TrustedInstaller.exe")',
    ].join('\n');
    expect(shapeOf(text)).toBe(
      '(ObjectType = "Registry" AND RegistryKeyPath in-contains/i ' +
        '["\\\\CurrentVersion\\\\Run\\\\", "\\\\CurrentVersion\\\\RunOnce\\\\"] AND ' +
        'NOT SrcProcName in/i ["msiexec.exe", "TrustedInstaller.exe"])',
    );
  });

  it('parses a script-content hunt with a regular expression', () => {
    expect(
      shapeOf(
        'SrcProcCmdScript RegExp "(?i)invoke-(mimikatz|shellcode)" AND EndpointOS = "windows"',
      ),
    ).toBe(
      '(SrcProcCmdScript regexp "(?i)invoke-(mimikatz|shellcode)" AND EndpointOS = "windows")',
    );
  });

  it('accepts enum values in any case', () => {
    expect(shapeOf('ObjectType In ("FILE", "Url", "ip") AND EventType = "dns resolved"')).toBe(
      '(ObjectType in ["FILE", "Url", "ip"] AND EventType = "dns resolved")',
    );
  });

  it('accepts time values as ISO-8601 or epoch milliseconds', () => {
    expect(shapeOf('EventTime > "2024-05-01T10:00:00Z" AND EventTime < "1714600000000"')).toBe(
      '(EventTime > "2024-05-01T10:00:00Z" AND EventTime < "1714600000000")',
    );
  });

  it('keeps the operator as written with its span', () => {
    const root = parsed('SrcProcName  in   contains\n anycase ("a")').root;
    expect(root.kind === 'inList' && root.operator).toEqual({
      written: 'in contains anycase',
      span: { start: 13, end: 35, line: 1, column: 14 },
    });
  });

  it('gives every node a span that covers its text', () => {
    const text = 'NOT (SrcIP = "1" OR DstIP = "2")\nAND DstPort > "3"';
    const query = parsed(text);
    const root = query.root;
    if (root.kind !== 'and') throw new Error('expected an And');
    const [not, compare] = root.operands;
    expect(text.slice(root.span.start, root.span.end)).toBe(text);
    expect(not?.span).toEqual({ start: 0, end: 32, line: 1, column: 1 });
    expect(compare?.span).toEqual({ start: 37, end: 50, line: 2, column: 5 });
    if (not?.kind !== 'not') throw new Error('expected a Not');
    expect(not.operand.parenthesized).toBe(true);
    expect(text.slice(not.operand.span.start, not.operand.span.end)).toBe(
      '(SrcIP = "1" OR DstIP = "2")',
    );
  });

  it('produces a tree that survives a JSON round trip', () => {
    const query = parsed('EventType In AnyCase ("Login") AND NOT LoginIsSuccessful = "true"');
    expect(JSON.parse(JSON.stringify(query))).toEqual(query);
  });

  it('accepts 64 levels of nesting', () => {
    const text = `${'('.repeat(64)}SrcIP = "1"${')'.repeat(64)}`;
    expect(shapeOf(text)).toBe('SrcIP = "1"');
  });
});

describe('parseS1ql on malformed queries', () => {
  const cases: [string, string, number, number, string][] = [
    [
      'missing value at the end',
      'SrcProcName Contains ',
      1,
      22,
      'expected a value in double quotes after "Contains", found end of query',
    ],
    [
      'bare word as value',
      'EventType = Process',
      1,
      13,
      'expected a value in double quotes after "=", found "Process"',
    ],
    ['empty query', '   ', 1, 4, 'expected a field name, "(" or NOT, found end of query'],
    [
      'dangling AND',
      'SrcIP = "1" AND',
      1,
      16,
      'expected a field name, "(" or NOT, found end of query',
    ],
    [
      'double connective',
      'SrcIP = "1" AND OR DstIP = "2"',
      1,
      17,
      'expected a field name, "(" or NOT, found "OR"',
    ],
    [
      'value where a field belongs',
      '"powershell" Contains SrcProcName',
      1,
      1,
      'expected a field name, "(" or NOT, found the string "powershell"',
    ],
    [
      'missing connective',
      'SrcIP = "1" DstIP = "2"',
      1,
      13,
      'expected AND, OR or end of query, found "DstIP"',
    ],
    [
      'unclosed parenthesis',
      '(SrcIP = "1" OR\n DstIP = "2"',
      2,
      13,
      'expected AND, OR or ")" to close the "(" at line 1, column 1, found end of query',
    ],
    ['stray closing parenthesis', 'SrcIP = "1")', 1, 12, 'found ")" without a matching "("'],
    [
      'empty parentheses',
      'SrcIP = "1" AND ()',
      1,
      18,
      'expected a field name, "(" or NOT, found ")"',
    ],
    [
      'unknown field',
      'SrcProcNmae Contains "x"',
      1,
      1,
      'unknown field "SrcProcNmae"; did you mean "SrcProcName", "SrcProcPID" or "SrcProcUID"?',
    ],
    [
      'unknown field on a later line',
      'EventType = "Login" AND\n  CommandLine ContainsCIS "x"',
      2,
      3,
      'unknown field "CommandLine"; did you mean "CmdLine", "SrcProcCmdLine" or ' +
        '"TgtProcCmdLine"?',
    ],
    [
      'missing operator',
      'SrcProcName',
      1,
      12,
      'expected an operator after "SrcProcName" (such as =, Contains, In or Exists), ' +
        'found end of query',
    ],
    [
      'misspelt operator',
      'SrcProcName Containz "x"',
      1,
      13,
      'unknown operator "Containz" after "SrcProcName"; did you mean "Contains"?',
    ],
    [
      'operator written as one word',
      'SrcProcName ContainsAnycase "x"',
      1,
      13,
      'unknown operator "ContainsAnycase" after "SrcProcName"; did you mean "Contains Anycase"?',
    ],
    [
      'unknown operator with no close spelling',
      'SrcProcName Like "x"',
      1,
      13,
      'unknown operator "Like" after "SrcProcName"; expected an operator such as =, Contains, ' +
        'In or Exists',
    ],
    [
      'incomplete Does Not Contain',
      'SrcProcName Does Contain "x"',
      1,
      18,
      'expected "Not" after "Does", found "Contain"',
    ],
    [
      'Not Contains instead of Does Not Contain',
      'SrcProcName Not Contains "x"',
      1,
      17,
      'expected "In" after "Not", found "Contains"; to exclude a substring write Does Not Contain',
    ],
    [
      'incomplete Is',
      'SrcProcName Is "x"',
      1,
      16,
      'expected "Empty", "Not", "True" or "False" after "Is", found the string "x"',
    ],
    [
      'incomplete Is Not',
      'SrcProcName IS NOT',
      1,
      19,
      'expected "Empty" after "IS NOT", found end of query',
    ],
    [
      'list without parentheses',
      'SrcProcName In "a", "b"',
      1,
      16,
      'expected "(" after "In", found the string "a"',
    ],
    [
      'empty list',
      'SrcProcName In Contains Anycase ()',
      1,
      34,
      'the list after "In Contains Anycase" is empty; give at least one value',
    ],
    [
      'trailing comma in a list',
      'SrcProcName In ("a", )',
      1,
      22,
      'expected a value in double quotes after ",", found ")"',
    ],
    [
      'missing comma in a list',
      'SrcProcName In ("a" "b")',
      1,
      21,
      'expected "," or ")" in the list after "In", found the string "b"',
    ],
    [
      'unclosed list',
      'SrcProcName In ("a", "b"',
      1,
      25,
      'expected "," or ")" in the list after "In", found end of query',
    ],
    [
      'Between without AND',
      'EventTime Between "2024-01-01" "2024-01-02"',
      1,
      32,
      'expected AND between the two values of "Between", found the string "2024-01-02"',
    ],
    [
      'unterminated string on a later line',
      'EventType = "Process Creation" AND\nSrcProcName Contains "cmd',
      2,
      22,
      'unterminated string: this double quote has no closing quote',
    ],
    [
      'single-quoted value',
      "SrcProcName = 'cmd.exe'",
      1,
      15,
      'unexpected character "\'"; S1QL 1.0 values use double quotes (")',
    ],
    [
      'string operator on an enum field',
      'EventType Contains "Process"',
      1,
      11,
      '"Contains" cannot be used on EventType, which takes one of a fixed set of values; ' +
        'use =, !=, In or Not In',
    ],
    [
      'In Contains on an enum field',
      'ObjectType In Contains ("file")',
      1,
      12,
      '"In Contains" cannot be used on ObjectType, which takes one of a fixed set of values; ' +
        'use =, !=, In or Not In',
    ],
    [
      'ordering on an enum field',
      'EndpointOS > "linux"',
      1,
      12,
      '">" cannot be used on EndpointOS, which takes one of a fixed set of values; ' +
        'use =, !=, In or Not In',
    ],
    [
      'unknown enum value',
      'EndpointOS = "win"',
      1,
      14,
      '"win" is not a valid EndpointOS value; valid values are "windows", "linux" or "macos"',
    ],
    [
      'misspelt enum value',
      'NetEventDirection In ("OUTGOING", "INCOMNG")',
      1,
      35,
      '"INCOMNG" is not a valid NetEventDirection value (did you mean "INCOMING"?); ' +
        'valid values are "INCOMING" or "OUTGOING"',
    ],
    [
      'string operator on a number field',
      'DstPort Contains "33"',
      1,
      9,
      '"Contains" cannot be used on DstPort, a number field; use =, !=, >, >=, <, <=, In, ' +
        'Not In or Between',
    ],
    ['text on a number field', 'DstPort = "rdp"', 1, 11, 'DstPort takes a number, found "rdp"'],
    [
      'bad number in a list',
      'SrcPort In ("80", "8o8o")',
      1,
      19,
      'SrcPort takes a number, found "8o8o"',
    ],
    [
      'ordering on a text field',
      'SrcProcName >= "a"',
      1,
      13,
      '">=" cannot be used on SrcProcName, a text field; use =, !=, Contains, StartsWith, ' +
        'EndsWith, RegExp, In or Not In',
    ],
    [
      'bad time',
      'EventTime > "yesterday"',
      1,
      13,
      'EventTime takes an ISO-8601 time such as "2024-05-01T12:00:00Z" or epoch milliseconds, ' +
        'found "yesterday"',
    ],
    [
      'impossible date',
      'EventTime Between "2024-02-30" AND "2024-03-01"',
      1,
      19,
      'EventTime takes an ISO-8601 time such as "2024-05-01T12:00:00Z" or epoch milliseconds, ' +
        'found "2024-02-30"',
    ],
    [
      'bad boolean',
      'TgtFileIsExecutable = "yes"',
      1,
      23,
      'TgtFileIsExecutable takes "true" or "false", found "yes"',
    ],
    [
      'Is True on a text field',
      'SrcProcName Is True',
      1,
      13,
      '"Is True" cannot be used on SrcProcName, a text field; use =, !=, Contains, StartsWith, ' +
        'EndsWith, RegExp, In or Not In',
    ],
    [
      'Between on a text field',
      'SrcProcName Between "a" AND "b"',
      1,
      13,
      '"Between" cannot be used on SrcProcName, a text field; use =, !=, Contains, StartsWith, ' +
        'EndsWith, RegExp, In or Not In',
    ],
    [
      'invalid regular expression',
      'SrcProcCmdLine RegExp "(?i)invoke-(mimikatz"',
      1,
      23,
      'invalid regular expression: missing closing ): "(?i)invoke-(mimikatz"; ' +
        'RegExp patterns must use RE2 syntax',
    ],
    [
      'unsupported inline regex flag',
      'SrcProcCmdLine RegExp "(?x)a b"',
      1,
      23,
      'invalid regular expression: RE2 has no flag "x" (in "(?x"), only i, m, s and U; ' +
        'RegExp patterns must use RE2 syntax',
    ],
    [
      'lookahead, which RE2 does not support',
      'SrcProcCmdLine RegExp "powershell(?!.*-NoProfile)"',
      1,
      23,
      'invalid regular expression: RE2 has no lookahead ("(?!"); ' +
        'RegExp patterns must use RE2 syntax',
    ],
    [
      'a backreference, which RE2 does not support',
      'TgtProcCmdLine RegExpCIS "(\\w+) \\1"',
      1,
      26,
      'invalid regular expression: RE2 has no backreferences ("\\1"); ' +
        'RegExp patterns must use RE2 syntax',
    ],
    [
      'a regular expression longer than the limit',
      `TgtProcCmdLine RegExp "${'a'.repeat(1001)}"`,
      1,
      23,
      'the regular expression is 1001 characters long; at most 1000 are allowed',
    ],
    [
      'too many conditions',
      Array.from({ length: 2001 }, () => 'TgtProcName Contains "a"').join(' AND '),
      1,
      2000 * 'TgtProcName Contains "a" AND '.length + 1,
      'the query has more than 2000 conditions; split it into smaller queries',
    ],
    [
      'a query longer than the limit',
      `TgtProcName In (${Array.from({ length: 25_000 }, () => '"a"').join(',')})`,
      1,
      100_001,
      'the query is 100016 characters long; at most 100000 are allowed, ' +
        'so split it into smaller queries',
    ],
    [
      'nesting too deep',
      `${'('.repeat(65)}SrcIP = "1"${')'.repeat(65)}`,
      1,
      65,
      'the query nests parentheses or NOT more than 64 levels deep',
    ],
  ];

  it.each(cases)('reports %s', (_name, text, line, column, reason) => {
    const error = errorOf(text);
    expect(error.message).toBe(`line ${line}, column ${column}: ${reason}`);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('points offset and length at the offending token', () => {
    expect(errorOf('SrcProcName = "a" AND DstPort Contains "33"')).toMatchObject({
      offset: 30,
      length: 8,
      expected: ['=', '!=', '>', '>=', '<', '<=', 'In', 'Not In', 'Between'],
    });
  });

  it('lists the suggested field names as expected values', () => {
    expect(errorOf('TgtProcCmdLin = "x"').expected).toEqual([
      'TgtProcCmdLine',
      'SrcProcCmdLine',
      'TgtProcPID',
    ]);
  });

  it('reports the first problem in reading order', () => {
    expect(errorOf('DstPort = "x" AND SrcIP = ').message).toBe(
      'line 1, column 11: DstPort takes a number, found "x"',
    );
  });

  it('reports a string ended early by an ambiguous backslash-quote', () => {
    expect(errorOf('SrcProcCmdLine Contains "say \\" and leave"').message).toBe(
      'line 1, column 42: unterminated string: this double quote has no closing quote',
    );
  });
});
