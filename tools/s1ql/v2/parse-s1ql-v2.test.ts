import { describe, expect, it } from 'vitest';
import { formatS1ql } from '../format/format-s1ql.ts';
import { parseS1ql } from '../parse-s1ql.ts';
import { s1qlShape } from '../testing/s1ql-shape.ts';

function v1Of(text: string): string {
  const result = parseS1ql(text, { dialect: '2.0' });
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error.message}`);
  expect(result.query.dialect).toBe('s1ql-2.0');
  return formatS1ql(result.query);
}

function errorOf(text: string): string {
  const result = parseS1ql(text, { dialect: '2.0' });
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result.error.message;
}

describe('parseS1ql on S1QL 2.0', () => {
  it('reads dotted fields, single quotes and juxtaposition as AND', () => {
    expect(v1Of("event.type='Process Creation' src.process.name contains 'powershell'")).toBe(
      'EventType = "Process Creation" AND SrcProcName ContainsCIS "powershell"',
    );
  });

  it('gives = and contains 2.0 case folding, == and :matchcase exact case', () => {
    expect(v1Of("src.process.name = 'cmd.exe' and src.process.name == 'Cmd.exe'")).toBe(
      'SrcProcName In Anycase ("cmd.exe") AND SrcProcName = "Cmd.exe"',
    );
    expect(v1Of("tgt.process.cmdline contains:matchcase '-EncodedCommand'")).toBe(
      'TgtProcCmdLine Contains "-EncodedCommand"',
    );
    expect(v1Of("tgt.process.cmdline contains:anycase ('-enc', '-e ')")).toBe(
      'TgtProcCmdLine In Contains Anycase ("-enc", "-e ")',
    );
  });

  it('reads in and in:anycase lists, bare numbers and booleans', () => {
    expect(
      v1Of(
        "dst.port.number in (3389, 445) and src.process.name in:anycase ('a.exe') " +
          'and event.login.loginIsSuccessful = false',
      ),
    ).toBe(
      'DstPort In ("3389", "445") AND SrcProcName In Anycase ("a.exe") AND ' +
        'LoginIsSuccessful = "false"',
    );
  });

  it('reads field = * as Exists and !(field = *) as its negation', () => {
    expect(v1Of('src.process.cmdline = * and !(tgt.file.path = *)')).toBe(
      'SrcProcCmdLine Exists AND NOT TgtFilePath Exists',
    );
  });

  it('decodes backslash escapes and keeps a lone backslash before other characters', () => {
    expect(
      v1Of(
        "tgt.file.path contains '\\\\Windows\\\\Start Menu' or " +
          'url.address contains "Windows\\Run"',
      ),
    ).toBe('TgtFilePath ContainsCIS "\\Windows\\Start Menu" OR Url ContainsCIS "Windows\\Run"');
  });

  it('reads matches as a case-insensitive RE2 pattern, and anchored literals as prefixes', () => {
    expect(v1Of("src.process.name matches 'psexec(svc)?\\\\.exe'")).toBe(
      'SrcProcName RegExpCIS "psexec(svc)?\\.exe"',
    );
    expect(v1Of("src.process.image.path matches '^c:\\\\\\\\windows\\\\\\\\'")).toBe(
      'SrcProcImagePath StartsWithCIS "c:\\windows\\"',
    );
    expect(v1Of("src.process.name matches '(?-i:\\\\.EXE$)'")).toBe('SrcProcName EndsWith ".EXE"');
  });

  it('skips // comments but not // inside a string', () => {
    expect(
      v1Of(
        "// hunt for curl\nurl.address contains 'http://x' // the download\n" +
          'or dst.port.number = 80',
      ),
    ).toBe('Url ContainsCIS "http://x" OR DstPort = "80"');
  });

  it('binds not over and over or, with ! as not', () => {
    expect(
      v1Of(
        "src.ip.address = '1' or dst.ip.address = '2' dst.port.number = 3 " +
          'and not src.port.number = 4',
      ),
    ).toBe(
      'SrcIP In Anycase ("1") OR (DstIP In Anycase ("2") AND DstPort = "3" AND SrcPort != "4")',
    );
  });

  it('reads what the 2.0 formatter writes back to the same tree', () => {
    const texts = [
      'SrcProcName StartsWith "C:\\\\" AND SrcProcName EndsWithCIS ".exe"',
      'SrcProcCmdLine RegExp "a|b" OR TgtProcName Not In Contains ("x")',
      'TgtFileIsExecutable = "true" AND NOT SrcProcName Does Not ContainCIS "x"',
      'EventType In ("Login", "Logout") AND EventTime > "2024-05-01T00:00:00Z"',
    ];
    for (const text of texts) {
      const first = parseS1ql(text, { dialect: '1.0' });
      if (!first.ok) throw new Error(first.error.message);
      const written = formatS1ql(first.query, { dialect: '2.0' });
      const second = parseS1ql(written, { dialect: '2.0' });
      if (!second.ok) throw new Error(`${written}: ${second.error.message}`);
      const again = parseS1ql(formatS1ql(second.query), { dialect: '1.0' });
      if (!again.ok) throw new Error(again.error.message);
      expect(formatS1ql(again.query), written).toBe(formatS1ql(first.query));
    }
  });

  it('gives the same shape whether a Between comes back as two comparisons', () => {
    const result = parseS1ql('dst.port.number >= 1 and dst.port.number <= 1024');
    if (!result.ok) throw new Error(result.error.message);
    expect(s1qlShape(result.query.root)).toEqual({
      and: [
        {
          kind: 'comparison',
          field: 'DstPort',
          comparator: '>=',
          value: '1',
          caseInsensitive: false,
        },
        {
          kind: 'comparison',
          field: 'DstPort',
          comparator: '<=',
          value: '1024',
          caseInsensitive: false,
        },
      ],
    });
  });
});

describe('parseS1ql on malformed S1QL 2.0', () => {
  // corpus/malformed.json holds the full set with exact messages; these are the 2.0-only ones.
  it.each([
    [
      'src.process.name != *',
      'line 1, column 21: "!= *" is not S1QL 2.0; ' +
        'write !(src.process.name = *) for a missing field',
    ],
    [
      "src.process.name = 'x",
      'line 1, column 20: unterminated string: this single quote has no closing quote',
    ],
    [
      'src.process.name matches 3',
      'line 1, column 26: expected a quoted string after "matches", found the number 3',
    ],
  ])('reports %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
