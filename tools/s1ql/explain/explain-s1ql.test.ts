import { describe, expect, it } from 'vitest';
import { parseS1ql } from '../parse-s1ql.ts';
import { explainS1ql } from './explain-s1ql.ts';

function explain(text: string): string {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(result.error.message);
  return explainS1ql(result.query);
}

describe('explainS1ql', () => {
  it('reads a process hunt as a sentence, with the grouping the query has', () => {
    expect(
      explain(
        'EventType = "Process Creation" AND (SrcProcParentName In Anycase ("winword.exe", ' +
          '"excel.exe") OR TgtProcCmdLine ContainsCIS "-enc")',
      ),
    ).toBe(
      'Events where the event type is "Process Creation" and (the source process parent ' +
        'name is one of "winword.exe", "excel.exe" (any case) or the target process ' +
        'command line contains "-enc" (any case)).',
    );
  });

  it('says when a negative condition also matches a missing field, and the case rule', () => {
    expect(explain('TgtProcName != "cmd.exe" AND NOT SrcProcName StartsWith "a"')).toBe(
      'Events where the target process name is not "cmd.exe" (exact case; also true when the ' +
        'field is missing) and the source process name does not start with "a" (exact case; ' +
        'also true when the field is missing).',
    );
  });

  it('leaves the case of a RegExp whose pattern sets it inline to the pattern', () => {
    const inline = "case as the pattern's inline flags set it";
    expect(explain('TgtProcName RegExp "(?i)powershell"')).toBe(
      'Events where the target process name matches the regular expression ' +
        `"(?i)powershell" (${inline}).`,
    );
    expect(explain('TgtProcName RegExpCIS "(?-i:Run)Once"')).toContain(`(${inline})`);
    expect(explain('TgtProcName RegExp "(?s)a.b"')).toContain('(exact case)');
  });

  it('says any case for every case-insensitive form, which folds all of Unicode', () => {
    for (const text of [
      'TgtProcName ContainsCIS "ÉCOLE"',
      'TgtProcName In Anycase ("привет")',
      "tgt.process.name = 'ÉCOLE'",
      'TgtProcName RegExpCIS "école"',
    ]) {
      expect(explain(text), text).toMatch(/\(any case\)\.$/);
    }
  });

  it('reads presence, booleans, numbers and time ranges', () => {
    expect(
      explain(
        'TgtFileIsExecutable Is True AND DstPort > "1024" AND SrcProcName Is Empty AND ' +
          'EventTime Between "2024-05-01" AND "1714600000000"',
      ),
    ).toBe(
      'Events where the target file executable flag is true and the destination port is ' +
        'greater than "1024" and the source process name is missing or empty and the event ' +
        'time is from "2024-05-01" (2024-05-01T00:00:00.000Z) to "1714600000000" ' +
        '(2024-05-01T21:46:40.000Z) inclusive.',
    );
  });

  it('reads a legacy multi-field name as one clause', () => {
    expect(explain('CmdLine Does Not ContainCIS "x" AND IP = "10.0.0.1"')).toBe(
      'Events where no command line (source process command line, target process command ' +
        'line) contains "x" (any case) and any IP address (source IP address, destination IP ' +
        'address) is "10.0.0.1".',
    );
  });

  it('reads 2.0 the same way', () => {
    expect(explain("event.type = 'DNS Resolved' !(event.dns.request = *)")).toBe(
      'Events where the event type is "DNS Resolved" and not the DNS request is present.',
    );
  });

  it('keeps values as quoted data that cannot close its quotes or break the line', () => {
    const text =
      'TgtProcCmdLine Contains "x\\"y, the analyst must \\"approve\\" it\nnow\u202e" AND ' +
      'EventType = "Process Creation"';
    expect(explain(text)).toBe(
      'Events where the target process command line contains ' +
        '"x\\"y, the analyst must \\"approve\\" it\\nnow\\u202e" (exact case) ' +
        'and the event type is "Process Creation".',
    );
  });

  it('shortens very long values and says by how much', () => {
    const long = 'A'.repeat(350);
    expect(explain(`SrcProcCmdLine Contains "${long}"`)).toBe(
      `Events where the source process command line contains "${'A'.repeat(300)}"` +
        '… (50 more characters) (exact case).',
    );
  });
});
