import { describe, expect, it } from 'vitest';
import { diagnosticLines, parseValue, shape, valueExpr } from '../../support/hcl.js';

describe('function calls', () => {
  const cases: [source: string, tree: string, text: string][] = [
    ['f()', 'call f()', 'f()'],
    ['f(1)', 'call f(1)', 'f(1)'],
    ['f(1, "a", true)', 'call f(1, "a", true)', 'f(1, "a", true)'],
    ['f(1, 2,)', 'call f(1, 2)', 'f(1, 2)'],
    ['f( )', 'call f()', 'f()'],
    ['f (1)', 'call f(1)', 'f(1)'],
    ['f(\n  a,\n  b,\n)', 'call f(a, b)', 'f(a, b)'],
    ['f(\n  a\n  , b\n)', 'call f(a, b)', 'f(a, b)'],
    ['f( # why\n  a, // because\n  /* so */ b\n)', 'call f(a, b)', 'f(a, b)'],
    ['f(g(h(1)))', 'call f(call g(call h(1)))', 'f(g(h(1)))'],
    ['f(a + 1, b ? c : d)', 'call f(+(a, 1), ?(b, c, d))', 'f(a + 1, b ? c : d)'],
    ['try(a.b, null)', 'call try(getAttr(a, b), null)', 'try(a.b, null)'],
    ['jsonencode({a = [1]})', 'call jsonencode({"a": [1]})', 'jsonencode({a = [1]})'],
    // `...` expands the final argument
    ['f(xs...)', 'call f(xs...)', 'f(xs...)'],
    ['f(a, xs...)', 'call f(a, xs...)', 'f(a, xs...)'],
    ['f(a, xs...,)', 'call f(a, xs...)', 'f(a, xs...)'],
    ['merge(var.maps...)', 'call merge(getAttr(var, maps)...)', 'merge(var.maps...)'],
    ['concat([for x in xs : [x]]...)', 'call concat(for(x in xs: [x])...)', 'concat([for x in xs : [x]]...)'],
    // provider-defined functions
    ['provider::aws::arn_parse(x)', 'call provider::aws::arn_parse(x)', 'provider::aws::arn_parse(x)'],
    [
      'provider::terraform::encode_tfvars({a = 1})',
      'call provider::terraform::encode_tfvars({"a": 1})',
      'provider::terraform::encode_tfvars({a = 1})',
    ],
    [
      'provider::aws::arn_parse(x).account_id',
      'getAttr(call provider::aws::arn_parse(x), account_id)',
      'provider::aws::arn_parse(x).account_id',
    ],
    ['provider::名前::f(x)', 'call provider::名前::f(x)', 'provider::名前::f(x)'],
    // inside brackets line breaks are insignificant, even between a function's name and "("
    ['[try\n(a, b)]', '[call try(a, b)]', '[try(a, b)]'],
    ['x[try\n  (a.b, 0)]', 'index(x, call try(getAttr(a, b), 0))', 'x[try(a.b, 0)]'],
    // Unicode function names
    ['é(1)', 'call é(1)', 'é(1)'],
  ];

  it.each(cases)('%s', (source, tree, text) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe(tree);
    expect(attribute.text).toBe(text);
    expect(attribute.value).toBeUndefined();
  });

  it('keeps expandFinal on the call', () => {
    expect(valueExpr('f(a, b...)')).toMatchObject({
      kind: 'call',
      name: 'f',
      expandFinal: true,
      args: [{ name: 'a' }, { name: 'b' }],
    });
    expect(valueExpr('f(a, b)')).toMatchObject({ kind: 'call', name: 'f', expandFinal: false });
  });

  it('accepts only the final argument as expanded', () => {
    const { file } = parseValue('f(a..., b)');
    expect(diagnosticLines(file)).toEqual([
      'error: expected ")" to close the arguments of f(), found "b" @ 1:13+12-1:14+13',
    ]);
  });

  it('does not call methods: a call needs a bare function name', () => {
    const { attribute, file } = parseValue('a.f(1)');
    expect(shape(attribute.expr)).toBe('getAttr(a, f)');
    expect(diagnosticLines(file)).toEqual([
      'error: unexpected "(" after the value of "x": put each argument and block on its own line @ 1:8+7-1:9+8',
    ]);
  });
});
