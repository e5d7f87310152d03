import { describe, expect, it } from 'vitest';
import { parseValue, shape, valueExpr } from '../../support/hcl.js';

/**
 * Operator precedence (HCL native syntax spec, tightest first): unary `!` `-`; `*` `/` `%`;
 * `+` `-`; `>` `>=` `<` `<=`; `==` `!=`; `&&`; `||`; then `? :`. Binary operators are
 * left-associative, the conditional is right-associative.
 */
describe('operator precedence and associativity', () => {
  const cases: [source: string, tree: string][] = [
    ['1 + 2 * 3', '+(1, *(2, 3))'],
    ['1 * 2 + 3', '+(*(1, 2), 3)'],
    ['1 - 2 - 3', '-(-(1, 2), 3)'],
    ['8 / 4 / 2', '/(/(8, 4), 2)'],
    ['7 % 4 * 2', '*(%(7, 4), 2)'],
    ['a || b && c', '||(a, &&(b, c))'],
    ['a && b || c', '||(&&(a, b), c)'],
    ['a || b || c', '||(||(a, b), c)'],
    ['a && b && c', '&&(&&(a, b), c)'],
    ['!a == b', '==(!(a), b)'],
    ['-x * y', '*(-(x), y)'],
    ['!!a', '!(!(a))'],
    ['- -x', '-(-(x))'],
    ['1 - -1', '-(1, -(1))'],
    ['a == b != c', '!=(==(a, b), c)'],
    ['a < b == c > d', '==(<(a, b), >(c, d))'],
    ['a <= b && c >= d', '&&(<=(a, b), >=(c, d))'],
    ['a + b < c * d', '<(+(a, b), *(c, d))'],
    ['a == b && c != d || e', '||(&&(==(a, b), !=(c, d)), e)'],
    ['(1 + 2) * 3', '*(parens(+(1, 2)), 3)'],
    ['!(a && b)', '!(parens(&&(a, b)))'],
    ['-a.b[0]', '-(index(getAttr(a, b), 0))'],
    ['!var.enabled', '!(getAttr(var, enabled))'],
    ['a ? b : c', '?(a, b, c)'],
    ['a ? b : c ? d : e', '?(a, b, ?(c, d, e))'],
    ['a ? b ? c : d : e', '?(a, ?(b, c, d), e)'],
    ['a || b ? c + 1 : d * 2', '?(||(a, b), +(c, 1), *(d, 2))'],
    ['a == 1 ? "x" : "y"', '?(==(a, 1), "x", "y")'],
    ['(a ? b : c) + 1', '+(parens(?(a, b, c)), 1)'],
    ['1+2*3', '+(1, *(2, 3))'],
    ['a<b', '<(a, b)'],
    ['a>=b', '>=(a, b)'],
  ];

  it.each(cases)('%s parses as %s', (source, tree) => {
    expect(shape(valueExpr(source))).toBe(tree);
  });
});

describe('operator expressions: canonical text and kind', () => {
  const cases: [source: string, text: string, kind: string][] = [
    ['1+2*3', '1 + 2 * 3', 'binary'],
    ['a   ||   b', 'a || b', 'binary'],
    ['!  a', '!a', 'unary'],
    ['- x', '-x', 'unary'],
    ['a?b:c', 'a ? b : c', 'conditional'],
    ['( 1 + 2 )*3', '(1 + 2) * 3', 'binary'],
    ['a != b', 'a != b', 'binary'],
    ['a % b', 'a % b', 'binary'],
    ['a/b', 'a / b', 'binary'],
  ];

  it.each(cases)('%s prints as %s', (source, text, kind) => {
    const { attribute, file } = parseValue(source);
    expect(file.diagnostics).toEqual([]);
    expect(attribute.text).toBe(text);
    expect(attribute.expr.kind).toBe(kind);
    expect(attribute.value).toBeUndefined();
  });

  it('evaluates a negative number literal (unary minus on a number) to its value', () => {
    const { attribute } = parseValue('-1.5');
    expect(attribute.expr.kind).toBe('unary');
    expect(attribute.text).toBe('-1.5');
    expect(attribute.value).toBe(-1.5);
  });

  it('gives operators over literals no literal value: they are not evaluated', () => {
    expect(parseValue('1 + 2').attribute.value).toBeUndefined();
    expect(parseValue('!true').attribute.value).toBeUndefined();
  });
});

describe('operators across lines', () => {
  it('continues an expression over new lines inside parentheses', () => {
    expect(shape(valueExpr('(\n  a\n  && b\n  || c\n)'))).toBe('parens(||(&&(a, b), c))');
  });

  it('continues a conditional over new lines inside parentheses', () => {
    expect(shape(valueExpr('(\n  a\n  ? b\n  : c\n)'))).toBe('parens(?(a, b, c))');
  });

  it('ends the attribute value at a new line outside brackets', () => {
    const { file } = parseValue('a\n+ b');
    expect(file.attributes).toHaveLength(1);
    expect(file.attributes[0]!.text).toBe('a');
    expect(file.diagnostics.length).toBeGreaterThan(0);
  });
});
