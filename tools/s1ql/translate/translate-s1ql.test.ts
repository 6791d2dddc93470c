import { describe, expect, it } from 'vitest';
import { translateS1ql } from './translate-s1ql.ts';

describe('translateS1ql', () => {
  it('writes 1.0 as 2.0 with notes where the words change', () => {
    expect(
      translateS1ql({
        text: 'EventType = "Process Creation" AND TgtProcImagePath StartsWithCIS "C:\\Users\\"',
        to: '2.0',
      }),
    ).toEqual({
      ok: true,
      from: 's1ql-1.0',
      to: 's1ql-2.0',
      text:
        "event.type = 'Process Creation' and " +
        "tgt.process.image.path matches '^C:\\\\\\\\Users\\\\\\\\'",
      notes: ['StartsWithCIS is written as matches with an RE2 pattern'],
    });
  });

  it('writes 2.0 as 1.0, saying how 2.0 case folding is kept', () => {
    expect(
      translateS1ql({ text: "src.process.name = 'cmd.exe' dst.port.number = 445", to: '1.0' }),
    ).toEqual({
      ok: true,
      from: 's1ql-2.0',
      to: 's1ql-1.0',
      text: 'SrcProcName In Anycase ("cmd.exe") AND DstPort = "445"',
      notes: ['2.0 = ignores case; 1.0 says so with In Anycase'],
    });
  });

  it('notes a legacy multi-field name being written out', () => {
    const result = translateS1ql({ text: 'IP = "1.2.3.4"', to: '2.0' });
    expect(result.ok && result.text).toBe(
      "src.ip.address == '1.2.3.4' or dst.ip.address == '1.2.3.4'",
    );
    expect(result.ok && result.notes).toEqual(['IP names several fields; each is written out']);
  });

  it('refuses a value 1.0 cannot spell, saying why', () => {
    const result = translateS1ql({
      text: 'src.process.cmdline contains \'say "hi" and go\'',
      to: '1.0',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        message:
          'The value "say \\"hi\\" and go" cannot be written in S1QL 1.0: a double quote ' +
          'followed by AND, OR, a comma or ")" would end the string there. Write the query in ' +
          'S1QL 2.0, or match a shorter part of the value.',
      },
    });
  });

  it('passes a parse error through with its position', () => {
    const result = translateS1ql({ text: 'SrcProcName Containz "x"', to: '2.0', from: '1.0' });
    expect(result.ok === false && 'line' in result.error && result.error.column).toBe(13);
  });
});
