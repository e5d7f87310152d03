import { describe, expect, it } from 'vitest';
import { localModuleSources } from '../../src/terraform/affectedModules.js';
import { isLocalModuleSource, localModuleDirectory, mayCallLocalModule } from '../../src/terraform/localModules.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';

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

describe('which files may call a local module, before any is parsed', () => {
  const calls = (path: string, content: string) => localModuleSources(parseTerraformFile({ path, content }));

  it.each([
    ['main.tf', 'module "a" {\n  source = "./a"\n}\n', true],
    ['main.tf', 'module "a" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n', false],
    ['main.tf', 'resource "x" "y" {\n  path = "./a"\n}\n', false],
    ['main.tf', 'module "a" {\n  source = "\\u002e/a"\n}\n', true],
    ['main.tf.json', '{"module": {"a": {"source": ".\\/a"}}}', true],
    ['main.tf.json', '{"\\u006dodule": {"a": {"source": "./a"}}}', true],
  ])('%s %j: may call one: %s, and the scan agrees with a parse', (path, content, may) => {
    expect(mayCallLocalModule(content)).toBe(may);
    if (!may) expect(calls(path, content)).toEqual([]);
    else expect(calls(path, content)).toEqual(['./a']);
  });
});
