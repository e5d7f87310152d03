import { describe, expect, it } from 'vitest';
import { type PathReader, projectedReads, type ReadPath, referenceChain } from '../../src/flow/pathReads.js';
import { either, NOTHING, type Reads } from '../../src/flow/reachInputs.js';
import type { ModuleScope } from '../../src/flow/scope.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';

/*
 * What reading a part of a value reads (src/flow/pathReads.ts). A reader stands in for ValueReach:
 * a whole expression reads the references written in it; a part of `var.x`, `local.x` or
 * `module.m` reads `<root>.<name>/<path>`. Each case says which of those a part reaches: never
 * fewer than the part's value can depend on.
 */

const SCOPE = { key: '', root: '.', dir: '.', callPath: '', inputs: null, rootValues: null, chainDirs: ['.'] };

function expression(text: string): Expression {
  const parsed = parseTerraformFile({ path: 'main.tf', content: `locals {\n  x = ${text}\n}\n` });
  const attribute = parsed.blocks[0]!.attributes[0]!;
  return attribute.expr;
}

/** Names of what is read, as a sorted list. */
function reads(text: string, path: ReadPath): string[] | true {
  const reader: PathReader = {
    whole: (expr) => wholeReads(expr),
    chain: (chain) => new Set([`${chain.root}.${chain.name}/${chain.path.join('/')}`]),
  };
  const result = projectedReads(expression(text), SCOPE as ModuleScope, path, reader);
  return result === true ? true : [...result].sort();
}

/** References in an expression, as the names a whole read reaches. */
function wholeReads(expr: Expression): Reads {
  switch (expr.kind) {
    case 'getAttr':
    case 'index': {
      const chain = referenceChain(expr);
      if (chain) return new Set([`${chain.root}.${chain.name}${chain.path.length ? '/' + chain.path.join('/') : ''}`]);
      return expr.kind === 'index' ? either(wholeReads(expr.target), wholeReads(expr.key)) : wholeReads(expr.target);
    }
    case 'call':
      return expr.args.reduce<Reads>((all, arg) => either(all, wholeReads(arg)), NOTHING);
    case 'object':
      return expr.items.reduce<Reads>((all, item) => either(all, wholeReads(item.value)), NOTHING);
    case 'parens':
      return wholeReads(expr.inner);
    case 'for':
      return wholeReads(expr.collection);
    default:
      return NOTHING;
  }
}

describe('referenceChain: the value a chain of attributes and indexes reads part of', () => {
  it.each([
    ['var.settings.keyvaults', { root: 'var', name: 'settings', path: ['keyvaults'] }],
    ['local.all[each.key].id', { root: 'local', name: 'all', path: ['*', 'id'] }],
    ['module.store["a"].id', { root: 'module', name: 'store', path: ['a', 'id'] }],
    ['local.x', { root: 'local', name: 'x', path: [] }],
    ['local.a.b.c.d.e.f', { root: 'local', name: 'a', path: ['b', 'c', 'd', 'e'] }],
  ])('%s', (text, expected) => {
    expect(referenceChain(expression(text))).toMatchObject(expected);
  });

  it.each([['aws_s3_bucket.b.id'], ['each.value.name'], ['data.aws_vpc.main.id']])(
    '%s starts elsewhere: null',
    (text) => {
      expect(referenceChain(expression(text))).toBeNull();
    },
  );
});

describe('projectedReads: a part of a value reads only what makes that part', () => {
  it.each<[string, string, ReadPath, string[] | true]>([
    ['an object item by its key', '{ id = local.a, rules = local.b }', ['id'], ['local.a']],
    ['any key: every item', '{ id = local.a, rules = local.b }', ['*'], ['local.a', 'local.b']],
    ['a dynamic key may be the one read', '{ (var.k) = local.a, rules = local.b }', ['id'], ['local.a', 'var.k']],
    [
      'merge: the part of each argument',
      'merge(local.a, { id = local.b, c = local.c })',
      ['id'],
      ['local.a/id', 'local.b'],
    ],
    ['tomap passes the value on', 'tomap({ (var.lz) = module.store })', ['*', 'id'], ['module.store/id', 'var.lz']],
    ['try: the part of each fallback', 'try(local.a, local.b)', ['id'], ['local.a/id', 'local.b/id']],
    [
      'a conditional: its condition whole',
      'var.on ? local.a : local.b',
      ['id'],
      ['local.a/id', 'local.b/id', 'var.on'],
    ],
    [
      'lookup: the entry of the map, and the default',
      'lookup(var.remote, "stores", local.d)',
      ['id'],
      ['local.d/id', 'var.remote/stores/id'],
    ],
    ['a chain adds its own path before the part', 'local.a.b[var.k]', ['id'], ['local.a/b/*/id', 'var.k']],
    ['an expression not looked into is read whole', 'concat(local.a, local.b)', ['id'], ['local.a', 'local.b']],
    ['a for expression is read whole', '{ for k, v in local.a : k => v.id }', ['x'], ['local.a']],
    ['the whole value: no path', 'merge(local.a, local.b)', [], ['local.a', 'local.b']],
  ])('%s', (_case, text, path, expected) => {
    expect(reads(text, path)).toEqual(expected);
  });
});
