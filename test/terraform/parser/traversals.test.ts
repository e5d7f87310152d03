import { describe, expect, it } from 'vitest';
import { parseValue, shape, valueExpr } from '../../support/hcl.js';

/**
 * Traversals: attribute access, index, legacy index `.0`, and splats. After `[*]` any
 * attribute or index access belongs to each element (the splat's `each`); after `.*` only
 * attribute accesses do, and a following `[i]` indexes the splat's result.
 */
describe('traversals', () => {
  const cases: [source: string, tree: string, text: string, kind: string][] = [
    ['a', 'a', 'a', 'variable'],
    ['a.b.c', 'getAttr(getAttr(a, b), c)', 'a.b.c', 'getAttr'],
    ['a.b-c', 'getAttr(a, b-c)', 'a.b-c', 'getAttr'],
    ['a[0]', 'index(a, 0)', 'a[0]', 'index'],
    ['a["k"]', 'index(a, "k")', 'a["k"]', 'index'],
    ['a[var.i + 1]', 'index(a, +(getAttr(var, i), 1))', 'a[var.i + 1]', 'index'],
    ['a[0]["k"][1]', 'index(index(index(a, 0), "k"), 1)', 'a[0]["k"][1]', 'index'],
    ['a[\n  0\n]', 'index(a, 0)', 'a[0]', 'index'],
    // legacy index: `.0` is `[0]`
    ['a.0', 'legacyIndex(a, 0)', 'a[0]', 'index'],
    ['a.0.b', 'getAttr(legacyIndex(a, 0), b)', 'a[0].b', 'getAttr'],
    ['a.10.b.2', 'legacyIndex(getAttr(legacyIndex(a, 10), b), 2)', 'a[10].b[2]', 'index'],
    // full splat
    ['a[*]', 'splat[*](a, item)', 'a[*]', 'splat'],
    ['a[*].b', 'splat[*](a, getAttr(item, b))', 'a[*].b', 'splat'],
    ['a[*].b.c', 'splat[*](a, getAttr(getAttr(item, b), c))', 'a[*].b.c', 'splat'],
    ['a[*].b[0]', 'splat[*](a, index(getAttr(item, b), 0))', 'a[*].b[0]', 'splat'],
    ['a[*].b.0', 'splat[*](a, legacyIndex(getAttr(item, b), 0))', 'a[*].b[0]', 'splat'],
    ['a[*][0]', 'splat[*](a, index(item, 0))', 'a[*][0]', 'splat'],
    ['a[*].b[*].c', 'splat[*](splat[*](a, getAttr(item, b)), getAttr(item, c))', 'a[*].b[*].c', 'splat'],
    ['a[ * ]', 'splat[*](a, item)', 'a[*]', 'splat'],
    [
      'aws_instance.web[*].id',
      'splat[*](getAttr(aws_instance, web), getAttr(item, id))',
      'aws_instance.web[*].id',
      'splat',
    ],
    // attribute-only splat
    ['a.*', 'splat.*(a, item)', 'a.*', 'splat'],
    ['a.*.b', 'splat.*(a, getAttr(item, b))', 'a.*.b', 'splat'],
    ['a.*.b.c', 'splat.*(a, getAttr(getAttr(item, b), c))', 'a.*.b.c', 'splat'],
    ['a.*.b[0]', 'index(splat.*(a, getAttr(item, b)), 0)', 'a.*.b[0]', 'index'],
    // traversals on other expressions
    ['f(x).y', 'getAttr(call f(x), y)', 'f(x).y', 'getAttr'],
    ['lower(var.n)[0]', 'index(call lower(getAttr(var, n)), 0)', 'lower(var.n)[0]', 'index'],
    ['[1, 2][0]', 'index([1, 2], 0)', '[1, 2][0]', 'index'],
    ['{a = 1}.a', 'getAttr({"a": 1}, a)', '{a = 1}.a', 'getAttr'],
    ['"abc"[0]', 'index("abc", 0)', '"abc"[0]', 'index'],
    ['(a).b', 'getAttr(parens(a), b)', '(a).b', 'getAttr'],
    // realistic references
    [
      'module.vpc.private_subnets[0]',
      'index(getAttr(getAttr(module, vpc), private_subnets), 0)',
      'module.vpc.private_subnets[0]',
      'index',
    ],
    [
      'data.aws_iam_policy_document.p.json',
      'getAttr(getAttr(getAttr(data, aws_iam_policy_document), p), json)',
      'data.aws_iam_policy_document.p.json',
      'getAttr',
    ],
    ['each.value.name', 'getAttr(getAttr(each, value), name)', 'each.value.name', 'getAttr'],
    ['count.index', 'getAttr(count, index)', 'count.index', 'getAttr'],
    [
      'aws_subnet.private["us-east-1a"].id',
      'getAttr(index(getAttr(aws_subnet, private), "us-east-1a"), id)',
      'aws_subnet.private["us-east-1a"].id',
      'getAttr',
    ],
  ];

  it.each(cases)('%s', (source, tree, text, kind) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe(tree);
    expect(attribute.text).toBe(text);
    expect(attribute.expr.kind).toBe(kind);
    expect(attribute.value).toBeUndefined();
  });

  it('marks only the dotted index as legacy', () => {
    expect(valueExpr('a.0')).toMatchObject({ kind: 'index', legacy: true, key: { kind: 'literal', value: 0 } });
    expect(valueExpr('a[0]')).toMatchObject({ kind: 'index', legacy: false, key: { kind: 'literal', value: 0 } });
  });

  it('marks [*] as a full splat and .* as an attribute-only splat', () => {
    expect(valueExpr('a[*].b')).toMatchObject({
      kind: 'splat',
      full: true,
      source: { kind: 'variable', name: 'a' },
      each: { kind: 'getAttr', name: 'b', target: { kind: 'splatItem' } },
    });
    expect(valueExpr('a.*.b')).toMatchObject({
      kind: 'splat',
      full: false,
      source: { kind: 'variable', name: 'a' },
      each: { kind: 'getAttr', name: 'b', target: { kind: 'splatItem' } },
    });
  });
});

describe('Unicode identifiers in traversals', () => {
  const cases: [source: string, tree: string, text: string][] = [
    ['résumé', 'résumé', 'résumé'],
    ['名前', '名前', '名前'],
    ['var.名前', 'getAttr(var, 名前)', 'var.名前'],
    ['a.é', 'getAttr(a, é)', 'a.é'],
    ['a.b_é.c', 'getAttr(getAttr(a, b_é), c)', 'a.b_é.c'],
    ['a[*].é', 'splat[*](a, getAttr(item, é))', 'a[*].é'],
    ['a.*.é', 'splat.*(a, getAttr(item, é))', 'a.*.é'],
    ['local.Ωmega[0]', 'index(getAttr(local, Ωmega), 0)', 'local.Ωmega[0]'],
  ];

  it.each(cases)('%s', (source, tree, text) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe(tree);
    expect(attribute.text).toBe(text);
  });
});

describe('whitespace inside traversals (HCL skips it between tokens)', () => {
  it.each([['a .b'], ['a. b'], ['a . b']])('%s is a.b', (source) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(shape(attribute.expr)).toBe('getAttr(a, b)');
  });
});
