import { describe, expect, it } from 'vitest';
import { type CompareContext, ComparedPairs, compareInstances } from '../../src/flow/compareInstances.js';
import { type Instance, instanceKey } from '../../src/flow/instances.js';
import { changedPaths } from '../../src/terraform/attributeDiff.js';
import { parseHcl } from '../../src/terraform/parser.js';

const ADDRESS = 'aws_s3_bucket.logs';

/** The bucket as one var-file context instantiates it: a new object each time it is made. */
function bucket(name: string): Instance {
  const block = parseHcl(`resource "aws_s3_bucket" "logs" {\n  bucket = "${name}"\n}\n`, 'main.tf').blocks[0]!;
  const body = { attributes: block.attributes, blocks: block.blocks };
  return {
    key: instanceKey('.', ADDRESS),
    root: '.',
    address: ADDRESS,
    object: {
      kind: 'resource',
      module: '.',
      address: ADDRESS,
      ref: { module: '.', address: ADDRESS, file: 'main.tf', range: block.range, body },
      files: ['main.tf'],
    },
    body,
    chains: new Map(),
    chainDirs: ['.'],
  };
}

const CONTEXT: CompareContext = {
  literalPaths: (base, head) => changedPaths(base.ref.body, head.ref.body),
  baseDigests: new Map(),
  headDigests: new Map(),
  baseUnknown: new Set(),
  headUnknown: new Set(),
};

const actions = (changes: ReturnType<typeof compareInstances>) => changes.map((c) => [c.action, c.changedPaths]);

describe("a root's var-file contexts comparing instances", () => {
  it('compare a reused instance once: its creation is not made again for a later context', () => {
    const compared = new ComparedPairs();
    const created = bucket('logs');
    expect(actions(compareInstances([], [created], CONTEXT, '.', false, compared))).toEqual([['create', []]]);
    expect(compareInstances([], [created], CONTEXT, '.', false, compared)).toEqual([]);
    // Another context's own instance at the same address is compared: its values may differ.
    expect(actions(compareInstances([], [bucket('public')], CONTEXT, '.', false, compared))).toEqual([['create', []]]);
  });

  it('compare a reused pair once, and any pair with an instance of its own', () => {
    const compared = new ComparedPairs();
    const [before, after] = [bucket('logs'), bucket('audit')];
    expect(actions(compareInstances([before], [after], CONTEXT, '.', false, compared))).toEqual([
      ['update', ['bucket']],
    ]);
    expect(compareInstances([before], [after], CONTEXT, '.', false, compared)).toEqual([]);
    expect(actions(compareInstances([before], [bucket('public')], CONTEXT, '.', false, compared))).toEqual([
      ['update', ['bucket']],
    ]);
    expect(actions(compareInstances([bucket('old')], [], CONTEXT, '.', false, compared))).toEqual([['delete', []]]);
  });

  it('without a record of pairs, compare every time', () => {
    const created = bucket('logs');
    for (let round = 0; round < 2; round++)
      expect(actions(compareInstances([], [created], CONTEXT, '.'))).toEqual([['create', []]]);
  });
});

describe('ComparedPairs: each pair of instances (either absent) is compared once across contexts', () => {
  it('a pair, a pair with none on either side, and the same instances paired otherwise', () => {
    const pairs = new ComparedPairs();
    const [a, b] = [bucket('a'), bucket('b')];
    const seen = [
      pairs.first(a, b),
      pairs.first(a, b),
      pairs.first(a, null),
      pairs.first(a, null),
      pairs.first(null, b),
      pairs.first(null, b),
      pairs.first(b, a),
      pairs.first(bucket('a'), b),
    ];
    expect(seen).toEqual([true, false, true, false, true, false, true, true]);
  });
});
