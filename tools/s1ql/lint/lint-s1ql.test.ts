import { describe, expect, it } from 'vitest';
import { parseS1ql } from '../parse-s1ql.ts';
import { lintS1ql } from './lint-s1ql.ts';

function lint(text: string): [string, number][] {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(result.error.message);
  return lintS1ql(result.query).map((warning) => [warning.code, warning.span.column]);
}

function messages(text: string): string[] {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(result.error.message);
  return lintS1ql(result.query).map((warning) => warning.message);
}

describe('lintS1ql', () => {
  it('says nothing about good hunts', () => {
    const good = [
      'EventType = "Process Creation" AND TgtProcCmdLine ContainsCIS "-enc"',
      'EventType = "Process Creation" AND ' +
        '(TgtProcCmdLine ContainsCIS "a" OR SrcProcCmdLine ContainsCIS "b")',
      'TgtProcName = "rundll32.exe" AND TgtProcCmdLine ContainsCIS "MiniDump"',
      'ObjectType = "File" AND TgtFilePath ContainsCIS "\\Temp\\"',
      'EndpointOS = "linux" AND TgtFilePath Contains "/tmp/.X11"',
      '(SrcProcName = "a" OR SrcProcName = "b") AND DstPort = "1"',
      'SrcProcName = "a" OR (SrcProcName = "b" AND DstPort = "1")',
      'EventType = "IP Connect" AND NOT DstIP StartsWith "10." AND DstPort != "443"',
      'EventType = "Process Creation" AND TgtProcCmdLine RegExp "(?i)powershell.+-e(nc)?\\s"',
      "event.type = 'Process Creation' tgt.process.cmdline contains 'x'",
      'CmdLine ContainsCIS "x" AND EventType = "Process Creation"',
    ];
    for (const text of good) expect(lint(text), text).toEqual([]);
  });

  it('warns about a substring scan of command lines with nothing to narrow it', () => {
    expect(lint('TgtProcCmdLine ContainsCIS "-enc"')).toEqual([['unanchored-substring', 1]]);
    expect(lint('DstPort = "1" AND SrcProcCmdScript In Contains ("IEX")')).toEqual([
      ['unanchored-substring', 19],
    ]);
    expect(lint('NOT EventType = "Login" AND TgtProcCmdLine Contains "x"')).toEqual([
      ['unanchored-substring', 29],
    ]);
  });

  it('warns about exact-case matches on Windows paths and registry keys, at the operator', () => {
    expect(lint('EventType = "File Creation" AND TgtFilePath Contains "\\Temp\\"')).toEqual([
      ['case-sensitive-path', 45],
    ]);
    expect(lint('ObjectType = "registry" AND RegistryKeyPath In ("HKLM\\Run")')).toEqual([
      ['case-sensitive-path', 45],
    ]);
    expect(messages('ObjectType = "file" AND TgtFilePath = "C:\\x"')).toEqual([
      '"=" on TgtFilePath matches exact case, but Windows paths and registry keys ignore ' +
        'case; use the CIS or Anycase form',
    ]);
  });

  it('warns where AND and OR mix without parentheses, at the unparenthesised AND', () => {
    expect(lint('SrcProcName = "a" OR SrcProcName = "b" AND DstPort = "1"')).toEqual([
      ['and-or-without-parentheses', 22],
    ]);
  });

  it('suggests Contains, StartsWith or EndsWith for a pattern that is only text', () => {
    expect(messages('EventType = "DNS Resolved" AND DnsRequest RegExp "evil\\.example"')).toEqual([
      'the pattern only matches the text "evil.example"; Contains says the same and is faster',
    ]);
    expect(messages('EventType = "DNS Resolved" AND DnsRequest RegExp "(?i)\\.example$"')).toEqual([
      'the pattern only matches the text ".example"; EndsWithCIS says the same and is faster',
    ]);
    expect(lint('EventType = "DNS Resolved" AND DnsRequest RegExp "^a|b$"')).toEqual([]);
  });

  it('finds contradictions and tautologies it can see in one chain', () => {
    expect(messages('EventType = "Login" AND EventType = "Logout"')).toEqual([
      'EventType cannot be both "Login" and "Logout", so nothing matches; ' +
        'did you mean OR or In (...)?',
    ]);
    expect(lint('EventType = "Login" AND DstPort Between "10" AND "1"')).toEqual([
      ['contradiction', 25],
    ]);
    expect(lint('EventType = "Login" AND (SrcIP = "1" OR NOT SrcIP = "1")')).toEqual([
      ['tautology', 41],
    ]);
    expect(lint('EventType = "Login" AND SrcIP = "1" AND SrcIP != "1"')).toEqual([
      ['contradiction', 41],
    ]);
  });

  it('warns about conditions that match every event having the field', () => {
    expect(lint('EventType = "Login" AND SrcProcName Contains ""')).toEqual([
      ['matches-everything', 25],
    ]);
    expect(lint('EventType = "Login" AND SrcProcName RegExp ".*"')).toEqual([
      ['matches-everything', 44],
    ]);
  });

  it('warns about a query that only excludes', () => {
    expect(lint('SrcProcName != "svchost.exe" AND NOT TgtProcName = "x"')).toEqual([
      ['only-negations', 1],
    ]);
  });

  it('warns about one value searched across many fields', () => {
    expect(
      lint(
        'DnsRequest ContainsCIS "evil" OR Url ContainsCIS "evil" OR TgtFilePath ContainsCIS "evil"',
      ),
    ).toEqual([['unanchored-full-text', 1]]);
  });
});
