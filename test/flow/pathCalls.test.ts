import { describe, expect, it } from 'vitest';
import { fileFunctionPath } from '../../src/flow/fileFunctions.js';
import { possiblePaths } from '../../src/flow/pathCalls.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';

function expression(text: string): Expression {
  return parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
}

/** A module in `modules/iam` of a root in `stacks/prod`. */
const scope = { root: 'stacks/prod', dir: 'modules/iam' };

describe('a file path built by functions is the tree path Terraform reads', () => {
  it.each([
    ['format("%s/p.json", path.module)', 'modules/iam/p.json'],
    ['join("/", [path.module, "policies", "p.json"])', 'modules/iam/policies/p.json'],
    ['"${lower(path.module)}/P.json"', 'modules/iam/P.json'],
    ['format("%s/../shared/p.json", path.root)', 'stacks/shared/p.json'],
    ['abspath("p.json")', 'stacks/prod/p.json'],
    ['pathexpand("policies/p.json")', 'stacks/prod/policies/p.json'],
    ['lower("P.JSON")', 'stacks/prod/p.json'],
    ['"${path.module}/p.json"', 'modules/iam/p.json'],
  ])('%s → %s', (text, path) => {
    expect(fileFunctionPath(expression(text), scope)).toBe(path);
  });

  it.each([
    ['a variable', 'format("%s/p.json", var.dir)'],
    ['path.module not at the start', 'format("x/%s/p.json", path.module)'],
    ['a home directory', 'pathexpand("~/p.json")'],
    ['an absolute path', 'abspath("/etc/p.json")'],
    ['a path out of the tree', 'format("%s/../../../p.json", path.root)'],
  ])('%s: not known', (_name, text) => {
    expect(fileFunctionPath(expression(text), scope)).toBeNull();
  });
});

describe('a path known only at apply time may name the files it can spell', () => {
  const candidates = [
    'modules/iam/policies/prod.json',
    'modules/iam/policies/prod.yaml',
    'modules/iam/scripts/prod.json',
    'stacks/prod/policies/dev.json',
    'other/policies/prod.json',
  ];
  // Nothing of the path known: the files under the module's and the root's directories.
  const ownDirectories = candidates.filter((path) => !path.startsWith('other/'));
  it.each<[string, string[]]>([
    ['"${path.module}/policies/${var.env}.json"', ['modules/iam/policies/prod.json']],
    ['format("%s/policies/%s.json", path.module, var.env)', ['modules/iam/policies/prod.json']],
    ['"policies/${terraform.workspace}.json"', ['stacks/prod/policies/dev.json']],
    ['"${var.dir}/policies/prod.json"', ['modules/iam/policies/prod.json', 'other/policies/prod.json']],
    ['var.policy_file', ownDirectories],
    ['"${var.dir}/${var.name}"', ownDirectories],
    ['substr(var.path, 1, 40)', ownDirectories],
    ['"${path.module}/${var.sub}/../prod.json"', ownDirectories],
  ])('%s', (text, expected) => {
    const pattern = possiblePaths(expression(text), scope);
    expect(candidates.filter((path) => pattern?.test(path))).toEqual(expected);
  });

  it("a glob's wildcards match anything too (the kubectl provider's pattern)", () => {
    const pattern = possiblePaths(expression('"${path.module}/policies/*.json"'), scope, { glob: true });
    expect(candidates.filter((path) => pattern?.test(path))).toEqual(['modules/iam/policies/prod.json']);
  });

  it('an absolute path names nothing in the tree', () => {
    expect(possiblePaths(expression('"/etc/${var.name}.json"'), scope)).toBeNull();
  });
});
