import { describe, expect, it } from 'vitest';
import type { LiteralValue } from '../../../src/terraform/model.js';
import { diagnosticLines, parseValue, shape } from '../../support/hcl.js';

type Row = [source: string, tree: string, text: string, value: LiteralValue | undefined, kind: string];

function expectParsed(source: string, tree: string, text: string, value: LiteralValue | undefined, kind: string): void {
  const { attribute, file } = parseValue(source);
  expect(file.diagnostics).toEqual([]);
  expect(shape(attribute.expr)).toBe(tree);
  expect(attribute.text).toBe(text);
  expect(attribute.value).toEqual(value);
  expect(attribute.expr.kind).toBe(kind);
}

describe('tuples', () => {
  const rows: Row[] = [
    ['[]', '[]', '[]', [], 'tuple'],
    ['[1]', '[1]', '[1]', [1], 'tuple'],
    ['[1, "a", true, null]', '[1, "a", true, null]', '[1, "a", true, null]', [1, 'a', true, null], 'tuple'],
    ['[1, 2,]', '[1, 2]', '[1, 2]', [1, 2], 'tuple'],
    ['[\n  1,\n  2,\n]', '[1, 2]', '[1, 2]', [1, 2], 'tuple'],
    ['[\n  1\n  ,\n  2\n]', '[1, 2]', '[1, 2]', [1, 2], 'tuple'],
    ['[ # first\n  1, // one\n  /* two */ 2\n]', '[1, 2]', '[1, 2]', [1, 2], 'tuple'],
    ['[1, [2, [3]]]', '[1, [2, [3]]]', '[1, [2, [3]]]', [1, [2, [3]]], 'tuple'],
    ['[-1, -2.5]', '[-(1), -(2.5)]', '[-1, -2.5]', [-1, -2.5], 'tuple'],
    ['[a, 1]', '[a, 1]', '[a, 1]', undefined, 'tuple'],
    ['["${a}-x"]', '[template(${a}, "-x")]', '["${a}-x"]', undefined, 'tuple'],
  ];
  it.each(rows)('%s', expectParsed);
});

describe('objects', () => {
  const rows: Row[] = [
    ['{}', '{}', '{}', {}, 'object'],
    ['{a = 1}', '{"a": 1}', '{a = 1}', { a: 1 }, 'object'],
    ['{a: 1}', '{"a": 1}', '{a = 1}', { a: 1 }, 'object'],
    ['{a = 1, b = 2}', '{"a": 1, "b": 2}', '{a = 1, b = 2}', { a: 1, b: 2 }, 'object'],
    ['{a = 1, b = 2,}', '{"a": 1, "b": 2}', '{a = 1, b = 2}', { a: 1, b: 2 }, 'object'],
    ['{\n  a = 1\n  b = 2\n}', '{"a": 1, "b": 2}', '{a = 1, b = 2}', { a: 1, b: 2 }, 'object'],
    ['{\n  a = 1,\n  b = 2,\n}', '{"a": 1, "b": 2}', '{a = 1, b = 2}', { a: 1, b: 2 }, 'object'],
    ['{\n  a: 1\n  b: 2\n}', '{"a": 1, "b": 2}', '{a = 1, b = 2}', { a: 1, b: 2 }, 'object'],
    [
      '{\n  a = 1 # one\n  // two\n  b = 2 /* three */\n}',
      '{"a": 1, "b": 2}',
      '{a = 1, b = 2}',
      { a: 1, b: 2 },
      'object',
    ],
    ['{"a" = 1, "b c": 2}', '{"a": 1, "b c": 2}', '{"b c" = 2, a = 1}', { a: 1, 'b c': 2 }, 'object'],
    ['{a-b = 1}', '{"a-b": 1}', '{a-b = 1}', { 'a-b': 1 }, 'object'],
    ['{if = 1, in = 2}', '{"if": 1, "in": 2}', '{if = 1, in = 2}', { if: 1, in: 2 }, 'object'],
    ['{名前 = "x"}', '{"名前": "x"}', '{名前 = "x"}', { 名前: 'x' }, 'object'],
    // keys are unordered: canonical text sorts constant keys
    ['{z = 1, a = 2}', '{"z": 1, "a": 2}', '{a = 2, z = 1}', { z: 1, a: 2 }, 'object'],
    // a parenthesised key is an expression, not a name
    ['{(var.k) = 1}', '{parens(getAttr(var, k)): 1}', '{(var.k) = 1}', undefined, 'object'],
    ['{"${a}-x" = 1}', '{template(${a}, "-x"): 1}', '{"${a}-x" = 1}', undefined, 'object'],
    ['{a = b}', '{"a": b}', '{a = b}', undefined, 'object'],
    [
      '{a = {b = [1, {c = null}]}}',
      '{"a": {"b": [1, {"c": null}]}}',
      '{a = {b = [1, {c = null}]}}',
      { a: { b: [1, { c: null }] } },
      'object',
    ],
    [
      '{\n  a = [\n    1,\n  ]\n  b = {\n    c = 2\n  }\n}',
      '{"a": [1], "b": {"c": 2}}',
      '{a = [1], b = {c = 2}}',
      { a: [1], b: { c: 2 } },
      'object',
    ],
  ];
  it.each(rows)('%s', expectParsed);

  it('reports two items on one line without a comma', () => {
    const { file } = parseValue('{ a = 1 b = 2 }');
    expect(diagnosticLines(file)).toEqual([
      'error: expected "," or a new line between object items, or "}" to close the object, found "b" @ 1:13+12-1:14+13',
    ]);
  });
});

describe('for expressions', () => {
  const rows: Row[] = [
    ['[for x in xs : x]', 'for(x in xs: x)', '[for x in xs : x]', undefined, 'for'],
    ['[for i, x in xs : x]', 'for(i, x in xs: x)', '[for i, x in xs : x]', undefined, 'for'],
    [
      '[for x in xs : upper(x) if x != ""]',
      'for(x in xs: call upper(x) if !=(x, ""))',
      '[for x in xs : upper(x) if x != ""]',
      undefined,
      'for',
    ],
    ['[for x in [1, 2] : x * 2]', 'for(x in [1, 2]: *(x, 2))', '[for x in [1, 2] : x * 2]', undefined, 'for'],
    ['{for k, v in m : k => v}', 'for(k, v in m: k => v)', '{for k, v in m : k => v}', undefined, 'for'],
    ['{for x in xs : x => x}', 'for(x in xs: x => x)', '{for x in xs : x => x}', undefined, 'for'],
    ['{for k, v in m : v => k...}', 'for(k, v in m: v => k...)', '{for k, v in m : v => k...}', undefined, 'for'],
    [
      '{for k, v in m : v => k... if k != ""}',
      'for(k, v in m: v => k... if !=(k, ""))',
      '{for k, v in m : v => k... if k != ""}',
      undefined,
      'for',
    ],
    [
      '{for k, v in m : k => v if v.enabled}',
      'for(k, v in m: k => v if getAttr(v, enabled))',
      '{for k, v in m : k => v if v.enabled}',
      undefined,
      'for',
    ],
    [
      '[\n  for x in xs :\n  upper(x)\n  if x != ""\n]',
      'for(x in xs: call upper(x) if !=(x, ""))',
      '[for x in xs : upper(x) if x != ""]',
      undefined,
      'for',
    ],
    ['{\n  for k, v in m :\n  k => v\n}', 'for(k, v in m: k => v)', '{for k, v in m : k => v}', undefined, 'for'],
    [
      '[for x in xs : [for y in x : y]]',
      'for(x in xs: for(y in x: y))',
      '[for x in xs : [for y in x : y]]',
      undefined,
      'for',
    ],
    ['[for x in xs : x ? 1 : 2]', 'for(x in xs: ?(x, 1, 2))', '[for x in xs : x ? 1 : 2]', undefined, 'for'],
    [
      '{for s in var.subnets : s.az => s.id...}',
      'for(s in getAttr(var, subnets): getAttr(s, az) => getAttr(s, id)...)',
      '{for s in var.subnets : s.az => s.id...}',
      undefined,
      'for',
    ],
    ['[for in in ins : in]', 'for(in in ins: in)', '[for in in ins : in]', undefined, 'for'],
    ['[for format in xs : format]', 'for(format in xs: format)', '[for format in xs : format]', undefined, 'for'],
  ];
  it.each(rows)('%s', expectParsed);

  it('keeps the whole object for expression', () => {
    const { attribute } = parseValue('{for k, v in m : k => v... if v}');
    expect(attribute.expr).toMatchObject({
      kind: 'for',
      keyVar: 'k',
      valueVar: 'v',
      collection: { kind: 'variable', name: 'm' },
      key: { kind: 'variable', name: 'k' },
      value: { kind: 'variable', name: 'v' },
      cond: { kind: 'variable', name: 'v' },
      group: true,
    });
  });

  it('gives a tuple for expression key: null and group: false', () => {
    expect(parseValue('[for x in xs : x]').attribute.expr).toMatchObject({
      kind: 'for',
      keyVar: null,
      key: null,
      cond: null,
      group: false,
    });
  });

  it('treats a name that only starts with "for" as a tuple element', () => {
    const { attribute, file } = parseValue('[format, forty]');
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe('[format, forty]');
  });

  it('requires => in an object for expression', () => {
    const { file } = parseValue('{for k, v in m : v}');
    expect(diagnosticLines(file)).toEqual([
      'error: expected "=>" in an object for expression ({for k, v in x : k => v}) @ 1:23+22-1:24+23',
    ]);
  });
});
