import { describe, expect, it } from 'vitest';
import type { Expression, Range } from '../../../src/terraform/model.js';
import { expressionText, literalValue } from '../../../src/terraform/printer.js';
import { parse, parseValue } from '../../support/hcl.js';

const R: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const lit = (value: null | boolean | number | string): Expression => ({ kind: 'literal', value, range: R });
const v = (name: string): Expression => ({ kind: 'variable', name, range: R });

describe('expressionText on constructed trees', () => {
  const cases: [name: string, expr: Expression, text: string][] = [
    [
      'a string with every escape',
      lit('q" b\\ n\n r\r t\t ${x} %{y} \u0001 \u007f'),
      '"q\\" b\\\\ n\\n r\\r t\\t $${x} %%{y} \\u0001 \\u007f"',
    ],
    ['a lone $ and % stay as they are', lit('$ % $x %y'), '"$ % $x %y"'],
    ['numbers print as JavaScript does', lit(1.5e-7), '1.5e-7'],
    ['legacy index prints as brackets', { kind: 'index', target: v('a'), key: lit(0), legacy: true, range: R }, 'a[0]'],
    [
      'parentheses are kept',
      { kind: 'parens', inner: { kind: 'binary', op: '+', left: v('a'), right: v('b'), range: R }, range: R },
      '(a + b)',
    ],
    ['unary minus', { kind: 'unary', op: '-', operand: v('x'), range: R }, '-x'],
    ['an invalid node', { kind: 'invalid', range: R }, '<invalid>'],
    [
      'a splat with nothing after it',
      { kind: 'splat', source: v('a'), each: { kind: 'splatItem', range: R }, full: true, range: R },
      'a[*]',
    ],
    [
      'an attribute-only splat',
      {
        kind: 'splat',
        source: v('a'),
        each: { kind: 'getAttr', target: { kind: 'splatItem', range: R }, name: 'id', range: R },
        full: false,
        range: R,
      },
      'a.*.id',
    ],
    [
      'an expanded call',
      { kind: 'call', name: 'f', args: [v('a'), v('b')], expandFinal: true, range: R },
      'f(a, b...)',
    ],
    [
      'a non-identifier object key is quoted',
      { kind: 'object', items: [{ key: lit('a b'), value: lit(1) }], range: R },
      '{"a b" = 1}',
    ],
    [
      'an object key that starts with a digit is quoted',
      { kind: 'object', items: [{ key: lit('1a'), value: lit(1) }], range: R },
      '{"1a" = 1}',
    ],
    [
      'expression keys keep their order',
      {
        kind: 'object',
        items: [
          { key: v('z'), value: lit(1) },
          { key: v('a'), value: lit(2) },
        ],
        range: R,
      },
      '{(z) = 1, (a) = 2}',
    ],
    [
      'a template with directives',
      {
        kind: 'template',
        heredoc: true,
        range: R,
        parts: [
          { kind: 'text', value: '"' },
          { kind: 'if', cond: v('c'), then: [{ kind: 'text', value: 'y' }], else: [{ kind: 'text', value: 'n' }] },
          {
            kind: 'for',
            keyVar: 'k',
            valueVar: 'v',
            collection: v('m'),
            body: [{ kind: 'interpolation', expr: v('k'), stripLeft: true, stripRight: false }],
          },
        ],
      },
      '"\\"%{if c}y%{else}n%{endif}%{for k, v in m}${k}%{endfor}"',
    ],
  ];

  it.each(cases)('%s', (_name, expr, text) => {
    expect(expressionText(expr)).toBe(text);
  });

  it('prints text that parses back to the same text', () => {
    const sources = [
      '"q\\" b\\\\ n\\n ${x} $${y} %%{z}"',
      '{"a b" = 1, c = [1, 2]}',
      'a[*].b[0]',
      'a.*.b',
      '[for k, v in m : v if k != ""]',
      '{for k, v in m : v => k...}',
      'f(a, b...)',
      '"%{if c}y%{else}n%{endif}"',
      '-1 + !a * (b - c)',
      'x ? y : z ? 1 : 2',
      'provider::aws::arn_parse(x).account',
      '<<-EOT\n  a ${b}\n  EOT',
    ];
    for (const source of sources) {
      const once = parseValue(source).attribute.text;
      const twice = parseValue(once);
      expect(twice.file.diagnostics).toEqual([]);
      expect(twice.attribute.text).toBe(once);
    }
  });
});

describe('literalValue on constructed trees', () => {
  it('evaluates literals, negative numbers, parentheses, tuples and objects', () => {
    expect(literalValue(lit('x'))).toBe('x');
    expect(literalValue({ kind: 'unary', op: '-', operand: lit(2), range: R })).toBe(-2);
    expect(literalValue({ kind: 'parens', inner: lit(true), range: R })).toBe(true);
    expect(literalValue({ kind: 'tuple', items: [lit(1), lit(null)], range: R })).toEqual([1, null]);
    expect(
      literalValue({
        kind: 'object',
        items: [
          { key: lit('a'), value: lit(1) },
          { key: lit(2), value: lit('b') },
        ],
        range: R,
      }),
    ).toEqual({ a: 1, 2: 'b' });
  });

  it('gives nothing for anything that needs evaluation', () => {
    expect(literalValue(v('a'))).toBeUndefined();
    expect(literalValue({ kind: 'unary', op: '!', operand: lit(true), range: R })).toBeUndefined();
    expect(literalValue({ kind: 'unary', op: '-', operand: v('a'), range: R })).toBeUndefined();
    expect(literalValue({ kind: 'tuple', items: [lit(1), v('a')], range: R })).toBeUndefined();
    expect(literalValue({ kind: 'object', items: [{ key: v('k'), value: lit(1) }], range: R })).toBeUndefined();
    expect(literalValue({ kind: 'object', items: [{ key: lit(null), value: lit(1) }], range: R })).toBeUndefined();
    expect(
      literalValue({
        kind: 'template',
        parts: [{ kind: 'interpolation', expr: v('a'), stripLeft: false, stripRight: false }],
        heredoc: false,
        range: R,
      }),
    ).toBeUndefined();
    expect(literalValue({ kind: 'invalid', range: R })).toBeUndefined();
  });
});

/**
 * Canonical text is what later stages compare: formatting-only edits (what `terraform fmt`
 * does, comments, line breaks, quoting style) must give the same text, real edits must not.
 */
describe('canonical text: formatting-only edits give the same text', () => {
  const same: [what: string, a: string, b: string][] = [
    ['spacing around operators', 'a+b*c', 'a + b * c'],
    ['comments inside an expression', 'a /* why */ + b', 'a + b'],
    ['comments inside parentheses across lines', '(\n  a # first\n  + b // second\n)', '(a + b)'],
    ['a tuple on several lines with a trailing comma', '[\n  1,\n  2,\n  3,\n]', '[1, 2, 3]'],
    ['a tuple with comments', '[\n  "a", # one\n  /* two */ "b",\n]', '["a", "b"]'],
    ['call arguments on several lines', 'f(\n  a,\n  b,\n)', 'f(a, b)'],
    ['spaces inside a call', 'f( a , b )', 'f(a, b)'],
    ['an object on several lines', '{\n  a = 1\n  b = 2\n}', '{ a = 1, b = 2 }'],
    ['terraform fmt alignment inside an object', '{\n  a    = 1\n  long = 2\n}', '{\n  a = 1\n  long = 2\n}'],
    [': instead of = in an object', '{ a: 1, b: 2 }', '{ a = 1, b = 2 }'],
    ['quoted instead of bare object keys', '{ "a" = 1 }', '{ a = 1 }'],
    ['object key order', '{ b = 2, a = 1 }', '{ a = 1, b = 2 }'],
    ['commas instead of new lines in an object', '{\n  a = 1,\n  b = 2,\n}', '{\n  a = 1\n  b = 2\n}'],
    ['a heredoc instead of a quoted string', '<<EOT\nhello\nworld\nEOT', '"hello\\nworld\\n"'],
    ['a heredoc with interpolation instead of a quoted string', '<<EOT\n${a}-x\nEOT', '"${a}-x\\n"'],
    ['<<- re-indented', '<<-EOT\n    a\n      b\n    EOT', '<<-EOT\n        a\n          b\n        EOT'],
    ['<<- instead of an unindented heredoc', '<<-EOT\n    a\n    EOT', '<<EOT\na\nEOT'],
    ['a heredoc with CRLF line endings', '<<EOT\r\na\r\nEOT', '<<EOT\na\nEOT'],
    ['a legacy index instead of brackets', 'a.0.b', 'a[0].b'],
    ['spaces inside brackets and a splat', 'a[ 0 ][ * ].b', 'a[0][*].b'],
    ['spaces inside an interpolation', '"${ a }"', '"${a}"'],
    ['spaces inside a directive', '"%{ if a }x%{ endif }"', '"%{if a}x%{endif}"'],
    ['an escape instead of the character', '"\\u0041\\u00e9"', '"Aé"'],
    ['an escaped interpolation in a heredoc and a string', '<<EOT\n$${a}\nEOT', '"$${a}\\n"'],
    ['number spelling', '1.0', '1'],
    ['number exponent', '1e3', '1000'],
    [
      'a for expression on several lines',
      '[\n  for x in xs :\n  upper(x)\n  if x != ""\n]',
      '[for x in xs : upper(x) if x != ""]',
    ],
    ['a conditional without spaces', 'a?b:c', 'a ? b : c'],
    ['unary operators with a space', '! a && - b > 0', '!a && -b > 0'],
    ['strip markers around whitespace', '"a ${~ b ~} c"', '"a${b}c"'],
    ['a sole interpolation and the bare expression (HCL unwraps it)', '"${a.b}"', 'a.b'],
    ['large integers that are equal', '12345678901234567890', '12345678901234567890'],
  ];

  it.each(same)('%s', (_what, a, b) => {
    const left = parseValue(a);
    const right = parseValue(b);
    expect(left.file.diagnostics).toEqual([]);
    expect(right.file.diagnostics).toEqual([]);
    expect(left.attribute.text).toBe(right.attribute.text);
  });

  it('aligning arguments with terraform fmt changes no attribute text', () => {
    const before = parse(
      'resource "r" "n" {\n  a = 1\n  long_name = "x"\n  tags = {\n    k = "v"\n    other = 2\n  }\n}\n',
    );
    const after = parse(
      'resource "r" "n" {\n  a         = 1\n  long_name = "x"\n  tags = {\n    k     = "v"\n    other = 2\n  }\n}\n',
    );
    const texts = (file: typeof before) => file.blocks[0]!.attributes.map((a) => [a.name, a.text]);
    expect(texts(after)).toEqual(texts(before));
  });
});

describe('canonical text: real edits give different text', () => {
  const different: [what: string, a: string, b: string][] = [
    ['a number and a string', '1', '"1"'],
    ['a bool and a string', 'true', '"true"'],
    ['null and a string', 'null', '"null"'],
    ['tuple order', '[1, 2]', '[2, 1]'],
    ['an object value type', '{ a = 1 }', '{ a = "1" }'],
    ['letter case in a string', '"a"', '"A"'],
    ['a tab and a space', '"a\\tb"', '"a b"'],
    ['associativity made explicit', 'a - b - c', 'a - (b - c)'],
    ['precedence changed by parentheses', '(a + b) * c', 'a + b * c'],
    ['an expanded final argument', 'f(xs...)', 'f(xs)'],
    ['a full splat and an attribute-only splat followed by an index', 'a[*].b[0]', 'a.*.b[0]'],
    ['grouping in an object for', '{for k, v in m : v => k...}', '{for k, v in m : v => k}'],
    ['a for condition', '[for x in xs : x if x]', '[for x in xs : x]'],
    ['a heredoc and a string without the final new line', '<<EOT\nx\nEOT', '"x"'],
    ['<< keeps the indentation that <<- strips', '<<EOT\n  x\nEOT', '<<-EOT\n  x\nEOT'],
    ['an escaped interpolation and an interpolation', '"$${a}"', '"${a}"'],
    ['the branches of a conditional swapped', 'a ? b : c', 'a ? c : b'],
    ['an object key', '{ "a b" = 1 }', '{ a_b = 1 }'],
    ['large integers that differ in the last digit', '12345678901234567890', '12345678901234567891'],
    ['an account id', '"123456789012"', '"123456789013"'],
    [
      'a strip marker that removes a new line',
      '<<EOT\n%{ if a ~}\nx\n%{ endif }\nEOT',
      '<<EOT\n%{ if a }\nx\n%{ endif }\nEOT',
    ],
  ];

  it.each(different)('%s', (_what, a, b) => {
    const left = parseValue(a);
    const right = parseValue(b);
    expect(left.file.diagnostics).toEqual([]);
    expect(right.file.diagnostics).toEqual([]);
    expect(left.attribute.text).not.toBe(right.attribute.text);
  });
});
