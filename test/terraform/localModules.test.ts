import { describe, expect, it } from 'vitest';
import { isLocalModuleSource, localModuleDirectory } from '../../src/terraform/localModules.js';

describe('local module sources', () => {
  it.each([
    ['.', './modules/vpc', 'modules/vpc'],
    ['.', './modules/vpc/', 'modules/vpc'],
    ['envs/prod', '../../modules/db', 'modules/db'],
    ['envs/prod', '../shared', 'envs/shared'],
    ['examples/complete', '../../', '.'],
    ['examples/complete', '../..', '.'],
    ['a', './b/./c', 'a/b/c'],
    ['.', '../outside', null],
    ['a/b', '../../../x', null],
    ['.', 'terraform-aws-modules/vpc/aws', null],
    ['.', 'git::https://example.com/x.git', null],
    ['.', '/abs/path', null],
  ])('%s calling %s → %s', (caller, source, expected) => {
    expect(localModuleDirectory(caller, source)).toBe(expected);
  });

  it('only ./ and ../ are local', () => {
    expect(['./x', '../x', 'x', 'hashicorp/consul/aws', 'github.com/a/b'].map(isLocalModuleSource)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
