import { describe, expect, it } from 'vitest';
import { writtenCollection } from '../../src/flow/writtenCollection.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

const SETS = new Set(['toset', 'tomap']);

function written(text: string): string | null {
  const found = writtenCollection(parseHcl(`x = ${text}\n`, 't.tf').attributes[0]!.expr, SETS);
  return found === null ? null : expressionText(found);
}

describe('a tuple or object written out, through parentheses and the conversions allowed', () => {
  it.each([
    ['["a"]', '["a"]'],
    ['(toset(["a", "a"]))', '["a", "a"]'],
    ['tomap({ a = 1 })', '{a = 1}'],
    ['tolist(["a"])', null],
    ['var.xs', null],
    ['toset(var.xs)', null],
  ])('%s is %s', (text, expected) => {
    expect(written(text)).toBe(expected);
  });
});
