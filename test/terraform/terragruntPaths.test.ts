import { describe, expect, it } from 'vitest';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { includedPath } from '../../src/terraform/terragruntPaths.js';

const pathExpr = (text: string): Expression => parseHcl(`path = ${text}\n`, 'x.hcl').attributes[0]!.expr;

describe("the parent an include's path names, from the deployment's file", () => {
  const existing = new Set(['root.hcl', 'live/terragrunt.hcl', 'live/root.hcl', 'live/prod/app/terragrunt.hcl']);
  const exists = (path: string) => existing.has(path);
  const deployment = 'live/prod/app/terragrunt.hcl';

  it.each([
    [
      'find_in_parent_folders(): the nearest terragrunt.hcl above, not its own',
      'find_in_parent_folders()',
      'live/terragrunt.hcl',
    ],
    [
      'find_in_parent_folders("root.hcl"): the nearest of that name',
      'find_in_parent_folders("root.hcl")',
      'live/root.hcl',
    ],
    ['a path relative to the deployment', '"../../root.hcl"', 'live/root.hcl'],
    ['get_terragrunt_dir()', '"${get_terragrunt_dir()}/../../../root.hcl"', 'root.hcl'],
    ['get_repo_root()', '"${get_repo_root()}/live/root.hcl"', 'live/root.hcl'],
    [
      'dirname() of a found file',
      '"${dirname(find_in_parent_folders("root.hcl"))}/terragrunt.hcl"',
      'live/terragrunt.hcl',
    ],
    ['in parentheses', '(find_in_parent_folders("root.hcl"))', 'live/root.hcl'],
  ])('%s', (_case, text, expected) => {
    expect(includedPath(pathExpr(text), deployment, exists)).toBe(expected);
  });

  it.each([
    ['a name no directory above has', 'find_in_parent_folders("account.hcl")'],
    ['a value known only at run time', 'get_env("ROOT")'],
    ['a local', 'local.root'],
    ['an absolute path', '"/etc/root.hcl"'],
    ['a path out of the repository', '"../../../../root.hcl"'],
  ])('not known: %s', (_case, text) => {
    expect(includedPath(pathExpr(text), deployment, exists)).toBeNull();
  });
});
