import { describe, expect, it } from 'vitest';
import { attributesNamed, pathedAttributes } from '../../src/classify/bodyAttributes.js';
import { parseHcl } from '../../src/terraform/parser.js';

function bodyOf(source: string) {
  const file = parseHcl(source, 't.tf');
  expect(file.diagnostics).toEqual([]);
  return file.blocks[0]!;
}

describe('pathedAttributes', () => {
  it('lists every attribute with its path, nested blocks in order', () => {
    const body = bodyOf(
      'resource "x" "y" {\n a = 1\n ingress {\n cidr = 2\n }\n ingress {\n cidr = 3\n }\n lifecycle {\n b = 4\n }\n}\n',
    );
    expect(pathedAttributes(body).map((entry) => entry.path)).toEqual([
      'a',
      'ingress[0].cidr',
      'ingress[1].cidr',
      'lifecycle.b',
    ]);
  });
});

describe('attributesNamed: the attributes whose path can end in a name', () => {
  it('gives those of that name, in order, and none when there is none', () => {
    const body = bodyOf('resource "x" "y" {\n cidr = 1\n ingress {\n cidr = 2\n }\n other = 3\n}\n');
    expect(attributesNamed(body, 'cidr')?.map((entry) => entry.path)).toEqual(['cidr', 'ingress[0].cidr']);
    expect(attributesNamed(body, 'missing')).toEqual([]);
  });

  it('gives up (null) when a name would end a path otherwise: a dynamic block written with a content attribute', () => {
    const body = bodyOf('resource "x" "y" {\n dynamic "ingress" {\n content = 1\n }\n}\n');
    expect(attributesNamed(body, 'ingress')).toBeNull();
  });
});
