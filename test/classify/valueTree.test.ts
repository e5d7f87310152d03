import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalValueTree, scalarLeaves, valueLeaves, valueTree } from '../../src/classify/valueTree.js';
import { parseHcl } from '../../src/terraform/parser.js';

function treeOf(expression: string) {
  const file = parseHcl(`x = ${expression}\n`, 't.tf');
  expect(file.diagnostics).toEqual([]);
  return valueTree(file.attributes[0]!.expr);
}

describe('valueTree', () => {
  it.each([
    ['"public-read"', 'public-read'],
    ['["0.0.0.0/0", var.cidr]', ['0.0.0.0/0', 'var.cidr']],
    ['{ a = 1, "b" = true }', { a: 1, b: true }],
    ['jsonencode({ Statement = [{ Action = "*" }] })', { Statement: [{ Action: '*' }] }],
    ['"${var.prefix}-logs"', '"${var.prefix}-logs"'],
    ['concat(["10.0.0.0/8"], var.extra)', [['10.0.0.0/8'], 'var.extra']],
    ['upper("x")', 'upper("x")'],
    ['-1', '-1'],
    // A key known only at apply time selects any entry; an attribute after it is that of any entry.
    ['{ a = { cidr = "0.0.0.0/0" }, b = { cidr = "10.0.0.0/8" } }[each.key].cidr', ['0.0.0.0/0', '10.0.0.0/8']],
    ['merge({ a = { cidr = "0.0.0.0/0" } }, var.more)[each.key][0]', [{ a: { cidr: '0.0.0.0/0' } }, 'var.more']],
    ['merge({ a = { cidr = "0.0.0.0/0" } }, { b = { port = 22 } })[each.key].cidr', [['0.0.0.0/0']]],
    ['{ a = { port = 22 } }[each.key].cidr', '{a = {port = 22}}[each.key].cidr'],
    // References stay as their text: nothing is known of them.
    ['aws_instance.web.private_ip', 'aws_instance.web.private_ip'],
    ['var.nets[each.key].cidr', 'var.nets[each.key].cidr'],
    ['merge(var.a, var.b)[each.key].cidr', 'merge(var.a, var.b)[each.key].cidr'],
    // What is left of a set is among its first argument's elements, never among those taken out.
    ['setsubtract(["0.0.0.0/0", var.extra], ["1.1.1.1/32"])', ['0.0.0.0/0', 'var.extra']],
    ['setsubtract(var.all, ["0.0.0.0/0"])', 'var.all'],
    ['setintersection(var.all, ["0.0.0.0/0"])', 'var.all'],
  ])('%s', (expression, expected) => {
    expect(treeOf(expression)).toEqual(expected);
  });

  it('reads a heredoc JSON policy as the structure it encodes', () => {
    const tree = treeOf('<<EOT\n{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\nEOT');
    expect(tree).toEqual({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
  });

  it('keeps text that only looks like JSON as text', () => {
    expect(treeOf('"{not json"')).toBe('{not json');
  });

  it('a value not known here keeps its own text, a large part of it as a digest: equal texts, equal values', () => {
    const settings = (cidr: string) =>
      `{ ${Array.from({ length: 40 }, (_, i) => `k${i} = { cidr = "10.${i}.0.0/16" }`).join(', ')}, z = "${cidr}" }`;
    const leaf = (cidr: string) => treeOf(`lookup(${settings(cidr)}, var.k)[0].id`) as string;
    expect(leaf('a').length).toBeLessThan(200);
    expect(leaf('a')).toMatch(/^lookup\(⟨sha256:[0-9a-f]{40}⟩, var\.k\)\[0\]\.id$/);
    expect(leaf('a')).toBe(leaf('a'));
    expect(leaf('a')).not.toBe(leaf('b'));
  });
});

describe('scalarLeaves', () => {
  const policy = { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: 'arn:aws:s3:::b/*' }] };
  it('returns every scalar without a key', () => {
    expect(scalarLeaves(policy)).toEqual(['Allow', 's3:GetObject', '*', 'arn:aws:s3:::b/*']);
  });
  it('returns only the scalars under the key, at any depth, case-insensitively', () => {
    expect(scalarLeaves(policy, 'action')).toEqual(['s3:GetObject', '*']);
    expect(scalarLeaves(policy, 'Resource')).toEqual(['arn:aws:s3:::b/*']);
    expect(scalarLeaves(policy, 'Principal')).toEqual([]);
  });
});

describe('literalValueTree', () => {
  it('is the tree of the literal as HCL writes it, with JSON text read as its structure', () => {
    const policy = '{"Statement": [{"Action": "s3:*"}]}';
    expect(literalValueTree({ a: 1, b: [true, null], policy, text: '{not json' })).toEqual(
      treeOf(`{ a = 1, b = [true, null], policy = ${JSON.stringify(policy)}, text = "{not json" }`),
    );
  });

  it('is the value itself where no string holds JSON, and leaves the value unchanged where one does', () => {
    const plain = { a: 1, b: [true, { c: 'x' }], text: '{not json' };
    expect(literalValueTree(plain)).toBe(plain);
    const value = { tags: { a: '1' }, list: ['x', '[1]', 'y'], policy: '{"A":"*"}', last: 2 };
    const tree = literalValueTree(value) as { [key: string]: unknown };
    expect(tree).toEqual({ tags: { a: '1' }, list: ['x', [1], 'y'], policy: { A: '*' }, last: 2 });
    expect(tree.tags).toBe(value.tags);
    expect(value).toEqual({ tags: { a: '1' }, list: ['x', '[1]', 'y'], policy: '{"A":"*"}', last: 2 });
  });
});

describe('valueLeaves with a test', () => {
  const keys = fc.constantFrom(undefined, 'Action', 'resource', 'a');
  const accepts = fc.constantFrom(
    (leaf: unknown) => typeof leaf === 'string' && leaf.includes('*'),
    (leaf: unknown) => leaf === null || typeof leaf === 'number',
    () => false,
  );
  const tree = fc.jsonValue().map((value) => literalValueTree(value as never));

  it('keeps exactly the leaves the test accepts, with the places the walk without it gives them', () => {
    fc.assert(
      fc.property(tree, keys, accepts, (value, key, accept) => {
        const all = valueLeaves(value, key).filter((leaf) => accept(leaf.leaf));
        expect(valueLeaves(value, key, accept)).toEqual(all);
      }),
    );
  });

  it('starts afresh after a test that threw', () => {
    const value = { a: [{ b: 'x' }], c: 'y' };
    expect(() =>
      valueLeaves(value, undefined, (leaf) => {
        if (leaf === 'x') throw new Error('a test that fails');
        return true;
      }),
    ).toThrow('a test that fails');
    expect(valueLeaves(value, undefined, () => true).map((leaf) => leaf.objects.map((o) => o.path))).toEqual([
      ['', '/a/0'],
      [''],
    ]);
  });

  it('places a kept scalar in the objects around it, with JSON-pointer paths', () => {
    const policy = { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', '*'] }], 'a/b': { '~': '*' } };
    const leaves = valueLeaves(policy, undefined, (leaf) => leaf === '*');
    expect(leaves.map((leaf) => leaf.objects.map((object) => object.path))).toEqual([
      ['', '/Statement/0'],
      ['', '/a~1b'],
    ]);
    const held = valueLeaves(policy, 'action', (leaf) => leaf === '*');
    expect(held.map((leaf) => leaf.holder?.path)).toEqual(['/Statement/0']);
  });
});
