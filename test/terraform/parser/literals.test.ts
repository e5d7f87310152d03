import { describe, expect, it } from 'vitest';
import type { LiteralValue } from '../../../src/terraform/model.js';
import { diagnosticLines, parseValue } from '../../support/hcl.js';

type Row = [source: string, text: string, value: LiteralValue, kind: string];

function expectLiteral(source: string, text: string, value: LiteralValue, kind: string): void {
  const { attribute, file } = parseValue(source);
  expect(file.diagnostics).toEqual([]);
  expect(attribute.text).toBe(text);
  expect(attribute.value).toEqual(value);
  expect(attribute.expr.kind).toBe(kind);
}

describe('numbers', () => {
  const rows: Row[] = [
    ['0', '0', 0, 'literal'],
    ['42', '42', 42, 'literal'],
    ['007', '7', 7, 'literal'],
    ['3.14', '3.14', 3.14, 'literal'],
    ['1.0', '1', 1, 'literal'],
    ['0.5', '0.5', 0.5, 'literal'],
    ['1e3', '1000', 1000, 'literal'],
    ['1E3', '1000', 1000, 'literal'],
    ['1e+3', '1000', 1000, 'literal'],
    ['2.5e-3', '0.0025', 0.0025, 'literal'],
    ['6.02e23', '6.02e+23', 6.02e23, 'literal'],
    ['123456789012', '123456789012', 123456789012, 'literal'],
    ['-1', '-1', -1, 'unary'],
    ['-2.5e1', '-25', -25, 'unary'],
  ];
  it.each(rows)('%s', expectLiteral);
});

describe('booleans and null', () => {
  const rows: Row[] = [
    ['true', 'true', true, 'literal'],
    ['false', 'false', false, 'literal'],
    ['null', 'null', null, 'literal'],
  ];
  it.each(rows)('%s', expectLiteral);

  it('reads names that merely start with a keyword as variables', () => {
    for (const name of ['trueish', 'nullable', 'false_positive']) {
      const { attribute } = parseValue(name);
      expect(attribute.expr).toMatchObject({ kind: 'variable', name });
      expect(attribute.value).toBeUndefined();
    }
  });
});

describe('quoted strings and every escape', () => {
  const rows: Row[] = [
    ['""', '""', '', 'literal'],
    ['"hello"', '"hello"', 'hello', 'literal'],
    ['"a\\nb"', '"a\\nb"', 'a\nb', 'literal'],
    ['"a\\rb"', '"a\\rb"', 'a\rb', 'literal'],
    ['"a\\tb"', '"a\\tb"', 'a\tb', 'literal'],
    ['"say \\"hi\\""', '"say \\"hi\\""', 'say "hi"', 'literal'],
    ['"back\\\\slash"', '"back\\\\slash"', 'back\\slash', 'literal'],
    ['"\\u00e9"', '"é"', 'é', 'literal'],
    ['"\\u00E9"', '"é"', 'é', 'literal'],
    ['"\\U0001F600"', '"😀"', '😀', 'literal'],
    ['"\\u0041\\u0042"', '"AB"', 'AB', 'literal'],
    ['"\\u0007"', '"\\u0007"', '\u0007', 'literal'],
    ['"$${not_interpolated}"', '"$${not_interpolated}"', '${not_interpolated}', 'literal'],
    ['"%%{not_a_directive}"', '"%%{not_a_directive}"', '%{not_a_directive}', 'literal'],
    ['"$$x"', '"$$x"', '$$x', 'literal'],
    ['"100%"', '"100%"', '100%', 'literal'],
    ['"cost: $5"', '"cost: $5"', 'cost: $5', 'literal'],
    ['"a$"', '"a$"', 'a$', 'literal'],
    ['"%"', '"%"', '%', 'literal'],
    ['"{}"', '"{}"', '{}', 'literal'],
    ['"# not a comment"', '"# not a comment"', '# not a comment', 'literal'],
    ['"// not a comment"', '"// not a comment"', '// not a comment', 'literal'],
    ['"/* not a comment */"', '"/* not a comment */"', '/* not a comment */', 'literal'],
    ['"é😀 名前"', '"é😀 名前"', 'é😀 名前', 'literal'],
    [
      '"arn:aws:iam::123456789012:role/ci"',
      '"arn:aws:iam::123456789012:role/ci"',
      'arn:aws:iam::123456789012:role/ci',
      'literal',
    ],
  ];
  it.each(rows)('%s', expectLiteral);
});

describe('invalid escapes', () => {
  const rows: [source: string, diagnostic: string][] = [
    ['"\\q"', 'error: invalid escape sequence \\q: use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN @ 1:6+5-1:8+7'],
    [
      '"\\x41"',
      'error: invalid escape sequence \\x: use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN @ 1:6+5-1:8+7',
    ],
    ['"\\u12"', 'error: invalid Unicode escape: \\u needs 4 hexadecimal digits of a valid code point @ 1:6+5-1:8+7'],
    ['"\\uZZZZ"', 'error: invalid Unicode escape: \\u needs 4 hexadecimal digits of a valid code point @ 1:6+5-1:8+7'],
    [
      '"\\U00110000"',
      'error: invalid Unicode escape: \\U needs 8 hexadecimal digits of a valid code point @ 1:6+5-1:8+7',
    ],
  ];
  it.each(rows)('%s is reported', (source, diagnostic) => {
    const { file } = parseValue(source);
    expect(diagnosticLines(file)).toEqual([diagnostic]);
  });
});
