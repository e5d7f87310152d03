import { describe, expect, it } from 'vitest';
import { generatedType, isGenerator, writtenBody } from '../../src/classify/blockTypes.js';
import { parseHcl } from '../../src/terraform/parser.js';

function nested(inside: string) {
  const file = parseHcl(`resource "x" "y" {\n${inside}}\n`, 't.tf');
  expect(file.diagnostics).toEqual([]);
  return file.blocks[0]!.blocks[0]!;
}

describe('the type a nested block stands for, and where its own content is written', () => {
  it.each([
    ['a block', 'ingress {\n  port = 22\n}\n', false, 'ingress', ['port']],
    [
      'a dynamic block',
      'dynamic "ingress" {\n  for_each = var.p\n  content {\n    port = 22\n  }\n}\n',
      true,
      'ingress',
      ['port'],
    ],
    ['a dynamic block without content', 'dynamic "ingress" {\n  for_each = var.p\n}\n', true, 'ingress', []],
  ])('%s', (_name, inside, generator, type, attributes) => {
    const block = nested(inside);
    expect([isGenerator(block), generatedType(block), writtenBody(block).attributes.map((a) => a.name)]).toEqual([
      generator,
      type,
      attributes,
    ]);
  });
});
