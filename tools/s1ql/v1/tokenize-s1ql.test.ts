import { describe, expect, it } from 'vitest';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { tokenizeS1ql } from './tokenize-s1ql.ts';

function kinds(text: string): string[] {
  return tokenizeS1ql(text).map((token) => `${token.kind}:${token.value}`);
}

function stringsOf(text: string): string[] {
  return tokenizeS1ql(text)
    .filter((token) => token.kind === 'string')
    .map((token) => token.value);
}

function errorOf(text: string): { message: string; offset: number; length: number } {
  try {
    tokenizeS1ql(text);
  } catch (error) {
    if (error instanceof S1qlSyntaxError) {
      return { message: error.data.message, offset: error.data.offset, length: error.data.length };
    }
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('tokenizeS1ql', () => {
  it('splits a predicate into words, comparators, strings and an end token', () => {
    expect(kinds('EventType = "Process Creation"')).toEqual([
      'word:EventType',
      'comparator:=',
      'string:Process Creation',
      'end:',
    ]);
  });

  it('reads every comparator', () => {
    expect(kinds('a!=b<=c>=d<e>f=g')).toEqual([
      'word:a',
      'comparator:!=',
      'word:b',
      'comparator:<=',
      'word:c',
      'comparator:>=',
      'word:d',
      'comparator:<',
      'word:e',
      'comparator:>',
      'word:f',
      'comparator:=',
      'word:g',
      'end:',
    ]);
  });

  it('reads punctuation and unquoted numbers', () => {
    expect(kinds('DstPort In (3389,-1, 4.5)')).toEqual([
      'word:DstPort',
      'word:In',
      'lparen:(',
      'number:3389',
      'comma:,',
      'number:-1',
      'comma:,',
      'number:4.5',
      'rparen:)',
      'end:',
    ]);
  });

  it('keeps dotted names as one word', () => {
    expect(kinds('src.process.name')).toEqual(['word:src.process.name', 'end:']);
  });

  it('keeps backslashes in Windows paths literal', () => {
    expect(stringsOf('TgtFilePath ContainsCIS "C:\\Windows\\System32\\"')).toEqual([
      'C:\\Windows\\System32\\',
    ]);
  });

  it('ends a string at a backslash-quote when the query ends there', () => {
    expect(stringsOf('TgtFilePath containsCIS "\\Users\\Public\\"')).toEqual(['\\Users\\Public\\']);
  });

  it('ends a string at a backslash-quote followed by AND, OR, ")" or ","', () => {
    expect(stringsOf('(A ContainsCIS "\\Temp\\" AND B = "x\\" or C = "y\\")')).toEqual([
      '\\Temp\\',
      'x\\',
      'y\\',
    ]);
    expect(stringsOf('A In Contains ("\\AppData\\", "\\Temp\\")')).toEqual([
      '\\AppData\\',
      '\\Temp\\',
    ]);
  });

  it('ends a string at a backslash-quote followed by an operator keyword', () => {
    expect(stringsOf('A = "x\\" Contains "y"')).toEqual(['x\\', 'y']);
  });

  it('reads backslash-quote as an escaped quote inside a stix-shifter style value', () => {
    expect(
      stringsOf('SrcProcCmdLine Contains "Get-ChildItem -Path \\"\\\\$Server\\SYSVOL\\" -Recurse"'),
    ).toEqual(['Get-ChildItem -Path "\\\\$Server\\SYSVOL" -Recurse']);
  });

  it('reads a value that is wholly an escaped quoted word', () => {
    expect(stringsOf('A Contains "\\"quoted\\""')).toEqual(['"quoted"']);
  });

  it('needs whitespace before a keyword to end a string at backslash-quote', () => {
    expect(stringsOf('A Contains "x\\"and more"')).toEqual(['x"and more']);
  });

  it('keeps a raw slice with the quotes for string tokens', () => {
    const [, , value] = tokenizeS1ql('A = "a\\"b"');
    expect(value?.raw).toBe('"a\\"b"');
    expect(value?.value).toBe('a"b');
  });

  it('treats newlines, tabs and no-break spaces as whitespace', () => {
    expect(kinds('A\n\t=\u00a0"x"\r\n')).toEqual(['word:A', 'comparator:=', 'string:x', 'end:']);
  });

  it('gives each token its 1-based line and column', () => {
    const tokens = tokenizeS1ql('EventType = "Login"\r\n  AND\n\tSrcIP = "10.0.0.1"');
    expect(tokens.map((token) => [token.raw, token.span.line, token.span.column])).toEqual([
      ['EventType', 1, 1],
      ['=', 1, 11],
      ['"Login"', 1, 13],
      ['AND', 2, 3],
      ['SrcIP', 3, 2],
      ['=', 3, 8],
      ['"10.0.0.1"', 3, 10],
      ['', 3, 20],
    ]);
  });

  it('keeps newlines inside a string', () => {
    expect(stringsOf('A Contains "line1\nline2"')).toEqual(['line1\nline2']);
  });

  it('reports an unterminated string at its opening quote', () => {
    expect(errorOf('SrcProcName Contains "powershell')).toEqual({
      message: 'line 1, column 22: unterminated string: this double quote has no closing quote',
      offset: 21,
      length: 1,
    });
  });

  it('reports an unterminated string whose only quote is escaped', () => {
    expect(errorOf('A = "x\\" y')).toEqual({
      message: 'line 1, column 5: unterminated string: this double quote has no closing quote',
      offset: 4,
      length: 1,
    });
  });

  it('rejects single quotes with a hint', () => {
    expect(errorOf("A = 'x'").message).toBe(
      'line 1, column 5: unexpected character "\'"; S1QL 1.0 values use double quotes (")',
    );
  });

  it('rejects typographic quotes with a hint', () => {
    expect(errorOf('A = “x”').message).toBe(
      'line 1, column 5: unexpected character "“"; put values in straight double quotes (")',
    );
  });

  it('rejects a character that has no meaning', () => {
    expect(errorOf('A = "x" ~ B').message).toBe('line 1, column 9: unexpected character "~"');
    expect(errorOf('A = "x" & B = "y"')).toEqual({
      message: 'line 1, column 9: unexpected character "&"; write AND between conditions',
      offset: 8,
      length: 1,
    });
  });

  it('measures an astral character as two code units', () => {
    expect(errorOf('A 🙂').length).toBe(2);
  });

  it('rejects comparators from other languages with the S1QL spelling', () => {
    expect(errorOf('A == "x"').message).toBe(
      'line 1, column 3: "==" is not an S1QL 1.0 operator; use =',
    );
    expect(errorOf('A <> "x"').message).toBe(
      'line 1, column 3: "<>" is not an S1QL 1.0 operator; use !=',
    );
  });

  it('rejects a lone exclamation mark', () => {
    expect(errorOf('!A Exists').message).toBe(
      'line 1, column 1: unexpected character "!"; ' +
        'use != for "not equal" or NOT before a condition',
    );
  });

  it('asks for quotes around bare values that are not numbers', () => {
    expect(errorOf('DstIP = 10.0.0.1 AND x')).toEqual({
      message: 'line 1, column 9: the value 10.0.0.1 must be in double quotes ("10.0.0.1")',
      offset: 8,
      length: 8,
    });
  });
});
