import { describe, expect, it } from 'vitest';
import { expansionGrowth } from '../../src/flow/expansionGrowth.js';
import { parseHcl } from '../../src/terraform/parser.js';

function body(text: string) {
  const file = parseHcl(text, 'main.tf');
  expect(file.diagnostics).toEqual([]);
  return { attributes: file.attributes, blocks: [] };
}

describe('expansionGrowth: which instances count / for_each adds or removes', () => {
  it.each<[string, string, string, ReturnType<typeof expansionGrowth>]>([
    ['the same count', 'count = 2', 'count = 2', null],
    ['a larger count', 'count = 1', 'count = 2', { adds: true, removes: false }],
    ['a smaller count', 'count = 3', 'count = 1', { adds: false, removes: true }],
    ['a key added', 'for_each = { a = 1 }', 'for_each = { a = 1, b = 2 }', { adds: true, removes: false }],
    ['a key replaced', 'for_each = toset(["a"])', 'for_each = toset(["b"])', { adds: true, removes: true }],
    ['the same keys, other values', 'for_each = { a = 1 }', 'for_each = { a = 2 }', null],
    ['keys known only at apply time: not told', 'for_each = var.a', 'for_each = var.b', null],
    ['count added where there was none', '', 'count = 2', { adds: true, removes: true }],
    ['neither', '', '', null],
  ])('%s', (_name, before, after, expected) => {
    expect(expansionGrowth(body(before), body(after))).toEqual(expected);
  });
});
