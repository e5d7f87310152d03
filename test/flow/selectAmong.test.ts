import { describe, expect, it } from 'vitest';
import { anyOf, selectAmong } from '../../src/flow/anyEntry.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';

function expr(text: string): Expression {
  return parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
}

const RANGE = expr('1').range;

function picked(target: string, key: Expression): string | null {
  const result = selectAmong(expr(target), key, RANGE);
  return result === null ? null : expressionText(result);
}

describe('an element picked by a key among several, or not known, from a value written out', () => {
  it.each([
    ['a list of one scalar, any index', '["http-80-tcp"]', expr('count.index'), '"http-80-tcp"'],
    ['a list of scalars, any index', '["a", "b"]', expr('count.index'), 'four_eyes_any("a", "b")'],
    [
      'a map, one of two keys',
      '{ a = 1, b = 2, c = 3 }',
      anyOf([expr('"a"'), expr('"c"')], RANGE),
      'four_eyes_any(1, 3)',
    ],
    ['a list, one of two indices', '["x", "y", "z"]', anyOf([expr('0'), expr('2')], RANGE), 'four_eyes_any("x", "z")'],
  ])('%s', (_name, target, key, expected) => {
    expect(picked(target, key)).toBe(expected);
  });

  it.each([
    ['a key written out (select reads it)', '["a"]', expr('0')],
    ['a list holding a value not known', '["a", var.b]', expr('count.index')],
    ['an empty list', '[]', expr('count.index')],
    ['a map and a key not known (any entry, read elsewhere)', '{ a = 1 }', expr('var.k')],
    ['one of the keys not in the map', '{ a = 1 }', anyOf([expr('"a"'), expr('"z"')], RANGE)],
    ["a dynamic block's iterator key (the classifier binds it)", '["a", "b"]', expr('ingress.four_eyes_element')],
  ])('left alone: %s', (_name, target, key) => {
    expect(picked(target, key)).toBeNull();
  });
});
