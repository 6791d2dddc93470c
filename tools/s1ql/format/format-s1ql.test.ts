import { describe, expect, it } from 'vitest';
import type { S1qlExpr, S1qlQuery } from '../ast.ts';
import { parseS1ql } from '../parse-s1ql.ts';
import { s1qlShape } from '../testing/s1ql-shape.ts';
import { formatS1ql } from './format-s1ql.ts';
import { S1qlFormatError } from './s1ql-format-error.ts';

function parsed(text: string): S1qlQuery {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error.message}`);
  return result.query;
}

function format(text: string): string {
  return formatS1ql(parsed(text));
}

const ROUND_TRIPS = [
  'EventType = "Process Creation" AND TgtProcName ContainsCIS "rundll32"',
  'eventtype = "file creation" and tgtfilepath endswithcis ".ps1" OR NOT SrcProcName EXISTS',
  'SrcProcName = "1" OR SrcIP = "2" AND DstIP = "3"',
  '(SrcProcName = "1" OR SrcIP = "2") AND DstIP = "3"',
  'NOT (SrcIP = "1" OR NOT NOT DstIP = "2")',
  'NOT (SrcIP = "1" AND DstIP = "2") OR NOT SrcPort = "3"',
  '((SrcIP = "1" AND DstIP = "2") AND SrcPort = "3") AND DstPort = "4"',
  'TgtFilePath containsCIS "\\Users\\Public\\" AND DstPort Between 1 and "1024"',
  'SrcProcCmdLine Contains "Get-ChildItem -Path \\"\\\\$Server\\SYSVOL\\" -Recurse"',
  'tgt.file.path StartsWithCIS "x"',
  'ProcessName In Anycase ("a", "B") AND FileFullName Is Not Empty',
  'TgtProcName Not In Contains Anycase ("powershell", "pwsh") OR TgtProcName Not In ("cmd")',
  'SrcProcCmdLine Does Not ContainCIS "-enc" AND SrcProcCmdLine Does Not Contain "x"',
  'SrcProcName StartsWith "c:\\" AND SrcProcName EndsWith Anycase ".EXE"',
  'SrcProcCmdLine RegExp "(?i)powershell.+-e(nc)?\\s" OR SrcProcCmdLine REGEXPCIS "^a|b$"',
  'TgtFileIsExecutable Is True AND LoginIsSuccessful Is False AND TgtFilePath Is Empty',
  'EventTime Between "2024-05-01T00:00:00Z" AND "2024-05-02" AND DstPort > "1024"',
  'ObjectType = "FILE" AND EndpointOS In ("Windows", "LINUX") AND NetEventDirection != "incoming"',
  'DstPort = 3389 AND TgtFileIsExecutable = true AND SrcProcPID <= "4"',
  'RegistryKeyPath ContainsCIS "\\CurrentVersion\\Run" AND RegistryValue Contains "\\AppData\\"',
  'Url Contains "say \\"hi\\"" AND DnsRequest EndsWith ".onion"',
];

describe('formatS1ql', () => {
  it('writes canonical names, operators and quoted values', () => {
    expect(
      format(
        'eventtype = "file creation" and  ProcessName containsCIS "x" AND dstport = 3389 ' +
          'and objecttype In ("FILE") and tgtprocname in contains anycase ("a","b")',
      ),
    ).toBe(
      'EventType = "File Creation" AND SrcProcName ContainsCIS "x" AND DstPort = "3389" ' +
        'AND ObjectType In ("file") AND TgtProcName In Contains Anycase ("a", "b")',
    );
  });

  it('spells every operator one way', () => {
    expect(format('SrcProcName Contains Anycase "x"')).toBe('SrcProcName ContainsCIS "x"');
    expect(format('SrcProcName does not contain anycase "x"')).toBe(
      'SrcProcName Does Not ContainCIS "x"',
    );
    expect(format('SrcProcName StartsWith AnyCase "x"')).toBe('SrcProcName StartsWithCIS "x"');
    expect(format('SrcProcName regexpcis "x"')).toBe('SrcProcName RegExpCIS "x"');
    expect(format('SrcProcName IS EMPTY')).toBe('SrcProcName Is Empty');
    expect(format('SrcProcName not in anycase ("x")')).toBe('SrcProcName Not In Anycase ("x")');
    expect(format('TgtFileIsExecutable is TRUE')).toBe('TgtFileIsExecutable Is True');
  });

  it('drops parentheses precedence does not need and keeps the ones it does', () => {
    expect(format('((SrcIP = "1")) AND ((DstIP = "2" OR DstIP = "3"))')).toBe(
      'SrcIP = "1" AND (DstIP = "2" OR DstIP = "3")',
    );
    expect(format('NOT (SrcIP = "1") AND NOT (DstIP = "2" AND DstIP = "3")')).toBe(
      'SrcIP != "1" AND NOT (DstIP = "2" AND DstIP = "3")',
    );
  });

  it('parenthesises an AND group inside an OR, so no reader relies on precedence', () => {
    expect(format('SrcIP = "1" OR SrcIP = "2" AND DstIP = "3"')).toBe(
      'SrcIP = "1" OR (SrcIP = "2" AND DstIP = "3")',
    );
  });

  it('keeps Windows backslashes as written, including one before the closing quote', () => {
    expect(format('TgtFilePath ContainsCIS "C:\\Users\\Public\\"')).toBe(
      'TgtFilePath ContainsCIS "C:\\Users\\Public\\"',
    );
  });

  it('escapes embedded quotes so the lexer reads them back', () => {
    expect(format('SrcProcCmdLine Contains "a\\"b"')).toBe('SrcProcCmdLine Contains "a\\"b"');
  });

  it('gives back a tree that means the same, for every query here', () => {
    for (const text of ROUND_TRIPS) {
      const first = parsed(text);
      const written = formatS1ql(first);
      const second = parsed(written);
      expect(s1qlShape(second.root), text).toEqual(s1qlShape(first.root));
      expect(formatS1ql(second), text).toBe(written);
    }
  });

  it('formats a bare expression as well as a whole query', () => {
    const query = parsed('SrcIP = "1" AND DstIP = "2"');
    if (query.root.kind !== 'and') throw new Error('expected an AND');
    const [first] = query.root.operands as [S1qlExpr];
    expect(formatS1ql(first)).toBe('SrcIP = "1"');
  });

  it('writes a case-insensitive equality as In Anycase, the 1.0 spelling of it', () => {
    const query = parsed('SrcProcName = "Cmd.exe" AND SrcProcName != "x"');
    if (query.root.kind !== 'and') throw new Error('expected an AND');
    const operands = query.root.operands.map((node) =>
      node.kind === 'comparison' ? { ...node, caseInsensitive: true } : node,
    );
    expect(formatS1ql({ ...query.root, operands })).toBe(
      'SrcProcName In Anycase ("Cmd.exe") AND SrcProcName Not In Anycase ("x")',
    );
  });

  it('writes NOT before a condition as its negated form where 1.0 has one', () => {
    expect(format('NOT SrcProcName In ("a") AND NOT SrcProcName Contains "b"')).toBe(
      'SrcProcName Not In ("a") AND SrcProcName Does Not Contain "b"',
    );
    expect(format('NOT SrcProcName Is Empty AND NOT NOT DstPort = "1"')).toBe(
      'SrcProcName Is Not Empty AND DstPort = "1"',
    );
    expect(format('NOT DstPort > "1" AND NOT SrcProcName Exists')).toBe(
      'NOT DstPort > "1" AND NOT SrcProcName Exists',
    );
  });

  it('writes a negated StartsWith, which has no 1.0 word, with NOT', () => {
    const query = parsed('SrcProcName StartsWith "x"');
    if (query.root.kind !== 'stringMatch') throw new Error('expected a string match');
    expect(formatS1ql({ ...query.root, negated: true })).toBe('NOT SrcProcName StartsWith "x"');
  });

  it('refuses a value 1.0 cannot spell rather than writing a different query', () => {
    const { root } = parsed('SrcProcCmdLine Contains "x"');
    if (root.kind !== 'stringMatch') throw new Error('expected a string match');
    const edited = { ...root, value: { ...root.value, text: 'f("a") AND x' } };
    expect(() => formatS1ql(edited)).toThrow(S1qlFormatError);
    expect(() => formatS1ql(edited)).toThrow(
      /cannot be written in S1QL 1\.0: a double quote followed by AND/,
    );
  });

  it('refuses an AND group emptied by an edit', () => {
    expect(() =>
      formatS1ql({ kind: 'and', operands: [], span: { start: 0, end: 0, line: 1, column: 1 } }),
    ).toThrow('An AND group needs at least one condition.');
  });
});

describe('formatS1ql in S1QL 2.0', () => {
  const v2 = (text: string): string => formatS1ql(parsed(text), { dialect: '2.0' });

  it('writes dotted names, single quotes and bare numbers', () => {
    expect(v2('EventType = "IP Connect" AND DstPort = "3389" AND DstIP = "10.0.0.1"')).toBe(
      "event.type = 'IP Connect' and dst.port.number = 3389 and dst.ip.address == '10.0.0.1'",
    );
  });

  it('doubles backslashes and escapes single quotes', () => {
    expect(v2('TgtFilePath ContainsCIS "C:\\Users\\O\'Brien\\"')).toBe(
      "tgt.file.path contains:anycase 'C:\\\\Users\\\\O\\'Brien\\\\'",
    );
  });

  it('spells the case of each string operator out', () => {
    expect(v2('SrcProcName Contains "a" OR SrcProcName ContainsCIS "b"')).toBe(
      "src.process.name contains:matchcase 'a' or src.process.name contains:anycase 'b'",
    );
    expect(v2('SrcProcName In ("a") OR SrcProcName In Anycase ("b")')).toBe(
      "src.process.name in ('a') or src.process.name in:anycase ('b')",
    );
  });

  it('writes prefixes and suffixes as anchored, escaped patterns', () => {
    expect(v2('SrcProcName StartsWithCIS "c:\\win" AND SrcProcName EndsWith ".exe"')).toBe(
      "src.process.name matches '^c:\\\\\\\\win' and src.process.name matches '(?-i:\\\\.exe$)'",
    );
  });

  it('writes negations, presence and ranges', () => {
    expect(v2('NOT SrcProcName Exists OR SrcProcName Does Not Contain "x"')).toBe(
      "!(src.process.name = *) or !(src.process.name contains:matchcase 'x')",
    );
    expect(v2('SrcPort Is Empty AND DstPort Between "1" AND "1024"')).toBe(
      '!(src.port.number = *) and dst.port.number >= 1 and dst.port.number <= 1024',
    );
    expect(v2('SrcProcName Is Empty OR DstPort Between "1" AND "1024"')).toBe(
      "!(src.process.name = *) or src.process.name == '' or " +
        '(dst.port.number >= 1 and dst.port.number <= 1024)',
    );
    expect(v2('TgtFileIsExecutable Is True AND SrcProcName != "x"')).toBe(
      "tgt.file.isExecutable = true and !(src.process.name == 'x')",
    );
  });
});
