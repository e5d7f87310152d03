import { describe, expect, it } from 'vitest';
import { foldedOperator } from '../../src/flow/foldedOperators.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

/** The operator `text` writes, its operands as written (the resolver hands them over resolved). */
function folded(text: string): string | null {
  const expr = parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
  const result = foldedOperator(expr.kind === 'parens' ? expr.inner : expr);
  return result === null ? null : expressionText(result);
}

describe('operators on literals are the value Terraform computes', () => {
  it.each([
    ['true && false', 'false'],
    ['false || x', 'x'],
    ['"a" == "a"', 'true'],
    ['1 == "1"', 'false'],
    ['!false', 'true'],
    ['true ? "on" : "off"', '"on"'],
    ['0 + 0', '0'],
    ['6 - 1', '5'],
    ['7 % 4', '3'],
    ['8 / 2', '4'],
    ['3 > 2', 'true'],
    ['2 <= 1', 'false'],
    ['-3', '-3'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['a division by zero (Terraform fails)', '1 / 0'],
    ['a fraction (Terraform keeps it exact)', '1 / 3'],
    ['a number and a string (Terraform converts; left as written)', '"1" + 1'],
    ['an operand not known', 'var.n + 1'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});

describe('a splat over a list written out is the list of what it selects', () => {
  it.each([
    ['[{ cidr = "0.0.0.0/0" }, { cidr = "10.0.0.0/8" }][*].cidr', '["0.0.0.0/0", "10.0.0.0/8"]'],
    ['[{ cidrs = ["0.0.0.0/0"] }][*].cidrs[0]', '["0.0.0.0/0"]'],
    ['[{ a = { b = "x" } }].*.a.b', '["x"]'],
    ['null[*].cidr', '[]'],
    ['[][*].cidr', '[]'],
  ])('%s is %s', (text, expected) => {
    expect(folded(text)).toBe(expected);
  });

  it.each([
    ['an element without the attribute (Terraform fails)', '[{ port = 22 }][*].cidr'],
    ['a source not known', 'var.rows[*].cidr'],
    ['an index not known', '[{ cidrs = ["a"] }][*].cidrs[var.i]'],
  ])('not folded: %s', (_why, text) => {
    expect(folded(text)).toBeNull();
  });
});
