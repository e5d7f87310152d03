import { describe, expect, it } from 'vitest';
import { foldedCall } from '../../src/flow/staticCalls.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

/** The call `text` writes, as the resolver hands it over (its arguments already resolved). */
function folded(text: string): string | null {
  const expr = parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
  if (expr.kind !== 'call') throw new Error(`not a call: ${text}`);
  const result: Expression | null = foldedCall(expr, expr.args);
  return result === null ? null : expressionText(result);
}

describe('one and element of a list written out are its element', () => {
  it.each([
    ['one(["a"])', '"a"'],
    ['one([])', 'null'],
    ['element(["a", "b"], 1)', '"b"'],
    ['element(["a", "b"], 3)', '"b"'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['one of more than one element (Terraform fails)', 'one(["a", "b"])'],
    ['element of an empty list (Terraform fails)', 'element([], 0)'],
    ['an index not known', 'element(["a"], var.i)'],
    ['a list not known', 'one(var.xs)'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('zipmap of lists written out is the map they make', () => {
  it.each([
    ['zipmap(["ssh"], ["0.0.0.0/0"])', '{ssh = "0.0.0.0/0"}'],
    ['zipmap(["a", "a"], [1, 2])', '{a = 2}'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['keys not known', 'zipmap(var.names, ["x"])'],
    ['a key not known', 'zipmap([var.name], ["x"])'],
    ['lists of other lengths (Terraform fails)', 'zipmap(["a", "b"], ["x"])'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('values of a map written out are its values in key order', () => {
  it.each([
    ['values({b = "2", a = "1"})', '["1", "2"]'],
    ['values({})', '[]'],
    ['values({(var.k) = "0.0.0.0/0"})', '["0.0.0.0/0"]'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['a map not known', 'values(var.m)'],
    ['two entries, one under a key not known (their order is not known)', 'values({a = 1, (var.k) = 2})'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('jsondecode, yamldecode and csvdecode of a text known here are the value it decodes to', () => {
  it.each([
    ['jsondecode("{\\"a\\": [1, true, null]}")', '{a = [1, true, null]}'],
    ['yamldecode("- user: alice\\n  admin: true\\n")', '[{admin = true, user = "alice"}]'],
    ['csvdecode("user,policy\\nalice,ReadOnlyAccess\\n")', '[{policy = "ReadOnlyAccess", user = "alice"}]'],
    ['jsondecode("\\"*\\"")', '"*"'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['a text not known', 'jsondecode(var.text)'],
    ['a text that does not decode (Terraform fails)', 'jsondecode("{")'],
    ['a CSV row of another width (Terraform fails)', 'csvdecode("a,b\\n1\\n")'],
    ['a text larger than is decoded here (classify still reads it)', `jsondecode("[${'1,'.repeat(60_000)}1]")`],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('a decoder of a templatefile whose text is known reads the text as written', () => {
  it.each([
    [
      'jsondecode(templatefile("{\\"Action\\": \\"*\\", \\"Resource\\": \\"$${arn}\\"}", { arn = var.arn }))',
      '{Action = "*", Resource = "$${arn}"}',
    ],
    ['yamldecode(templatefile("Action: \\"*\\"\\n", {}))', '{Action = "*"}'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    [
      'an interpolation outside a string (the text is no JSON)',
      'jsondecode(templatefile("{\\"Action\\": ${actions}}", { actions = var.a }))',
    ],
    ['a template whose text is not known', 'jsondecode(templatefile(var.path, {}))'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe("Terraform's decode_tfvars of a text known here is the object of the values it assigns", () => {
  it.each([
    [
      'provider::terraform::decode_tfvars("cidrs = [\\"0.0.0.0/0\\"]\\nport = 22\\n")',
      '{cidrs = ["0.0.0.0/0"], port = 22}',
    ],
    ['provider::terraform::decode_tfvars("")', '{}'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['a text not known', 'provider::terraform::decode_tfvars(var.text)'],
    ['a reference in a value (Terraform fails)', 'provider::terraform::decode_tfvars("a = var.b\\n")'],
    ['a block (Terraform fails)', 'provider::terraform::decode_tfvars("a {\\n}\\n")'],
    ['a text that does not parse', 'provider::terraform::decode_tfvars("a = [\\n")'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('setsubtract and setintersection of strings written out are the set they make, in lexical order', () => {
  it.each([
    ['setsubtract(["0.0.0.0/0", "1.1.1.1/32"], ["1.1.1.1/32"])', '["0.0.0.0/0"]'],
    ['setsubtract(toset(["b", "a", "b"]), [])', '["a", "b"]'],
    ['setintersection(["0.0.0.0/0", "10.0.0.0/8"], ["10.0.0.0/8"], ["10.0.0.0/8", "x"])', '["10.0.0.0/8"]'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['an element not known', 'setsubtract(["0.0.0.0/0"], [var.cidr])'],
    ['a set not written out', 'setintersection(var.all, ["0.0.0.0/0"])'],
    ['setsubtract of three sets (Terraform takes two)', 'setsubtract(["a"], ["b"], ["c"])'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('concat, compact, distinct and sort of lists written out are the list they make', () => {
  it.each([
    ['concat(["a"], [], ["b", var.c])', '["a", "b", var.c]'],
    ['compact(["a", "", null, "b"])', '["a", "b"]'],
    ['distinct(["b", "a", "b"])', '["b", "a"]'],
    ['sort(["b", "a", "B"])', '["B", "a", "b"]'],
    ['sort(compact(distinct(concat(["http-80-tcp"], [], [""]))))', '["http-80-tcp"]'],
    ['concat(tolist(["a"]), ["b"])', '["a", "b"]'],
  ])('%s is %s', (text, expected) => {
    const expr = parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
    // Nested calls fold inside out, as the resolver resolves arguments before the call.
    const fold = (e: Expression): Expression => {
      if (e.kind !== 'call') return e;
      const args = e.args.map(fold);
      return foldedCall({ ...e, args }, args) ?? { ...e, args };
    };
    expect(expressionText(fold(expr))).toBe(expected);
  });

  it.each([
    ['a list not known', 'concat(var.a, ["b"])'],
    ['compact of an element not known', 'compact(["a", var.b])'],
    ['compact of a number (Terraform fails)', 'compact(["a", 1])'],
    ['distinct of an element not known', 'distinct(["a", var.b])'],
    ['distinct of elements of several types (Terraform converts them first)', 'distinct(["1", 1])'],
    ['sort of a number', 'sort(["a", 1])'],
    ['sort of more than one list (Terraform fails)', 'sort(["a"], ["b"])'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});
