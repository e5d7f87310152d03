import { describe, expect, it } from 'vitest';
import {
  addModuleCalls,
  affectedModules,
  localModuleSources,
  type ModuleGraph,
  owningModule,
} from '../../src/terraform/affectedModules.js';
import { isConfigurationPath, isVariablesPath } from '../../src/terraform/configurationFiles.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';

function graph(calls: Record<string, string[]>, extra: string[] = []): ModuleGraph {
  const built = new Map<string, Set<string>>();
  for (const [caller, sources] of Object.entries(calls)) addModuleCalls(built, caller, sources);
  return { modules: new Set([...Object.keys(calls), ...extra]), calls: built };
}

describe('configuration files', () => {
  it('Terraform and OpenTofu configuration; variable files apart', () => {
    expect(['a.tf', 'a.tf.json', 'a.tofu', 'a.tofu.json', 'a.tfvars', 'a.json', 'tf'].map(isConfigurationPath)).toEqual(
      [true, true, true, true, false, false, false],
    );
    expect(['a.tfvars', 'prod.auto.tfvars', 'a.tfvars.json', 'a.tf', 'tfvars'].map(isVariablesPath)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('local module sources', () => {
  it('literal local sources of module blocks, in native and JSON syntax', () => {
    const hcl = parseTerraformFile({
      path: 'main.tf',
      content:
        'module "a" {\n  source = "./a"\n}\nmodule "r" {\n  source = "hashicorp/x/aws"\n}\nresource "x" "y" {\n  source = "./no"\n}\n',
    });
    const json = parseTerraformFile({ path: 'main.tf.json', content: '{"module": {"b": {"source": "../b"}}}' });
    expect(localModuleSources(hcl)).toEqual(['./a']);
    expect(localModuleSources(json)).toEqual(['../b']);
  });

  it('calls resolve to directories; a call out of the tree or to itself is no edge', () => {
    const g = graph({ 'envs/prod': ['../../modules/net', '../../../outside', './'] });
    expect([...g.calls.get('envs/prod')!]).toEqual(['modules/net']);
  });
});

describe('affected modules', () => {
  const g = graph({
    'envs/prod': ['../../modules/net', '../../modules/app'],
    'envs/dev': ['../../modules/net'],
    'modules/app': ['../db'],
    'modules/net': [],
    'modules/db': [],
  });

  it('a file belongs to its nearest module directory', () => {
    expect(owningModule('envs/prod/vars/prod.tfvars', g.modules)).toBe('envs/prod');
    expect(owningModule('envs/prod/main.tf', g.modules)).toBe('envs/prod');
    expect(owningModule('docs/readme.md', g.modules)).toBeNull();
    expect(owningModule('x.tf', new Set(['.']))).toBe('.');
  });

  it("a root's change reaches every module it calls, transitively", () => {
    expect([...affectedModules(['envs/prod/terraform.tfvars'], g)].sort()).toEqual([
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
    ]);
  });

  it("a module's change reaches its callers up to the roots and the modules those call", () => {
    expect([...affectedModules(['modules/db/main.tf'], g)].sort()).toEqual([
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
    ]);
    expect([...affectedModules(['modules/net/main.tf'], g)].sort()).toEqual([
      'envs/dev',
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
    ]);
  });

  it('a cycle of calls terminates', () => {
    const cyclic = graph({ a: ['../b'], b: ['../a'] });
    expect([...affectedModules(['a/x.tf'], cyclic)].sort()).toEqual(['a', 'b']);
  });

  it("a repository's documentation under no module affects none", () => {
    expect(affectedModules(['README.md', 'docs/CHANGELOG.md', 'docs/diagram.png'], g).size).toBe(0);
  });

  it('other prose under no module may be read like any file (file("../../policies/admin.txt")): all are affected', () => {
    expect([...affectedModules(['policies/admin.txt'], g)].sort()).toEqual([...g.modules].sort());
    expect([...affectedModules(['docs/guide.md'], g)].sort()).toEqual([...g.modules].sort());
  });

  it('any other file under no module may be read by any of them (file("../../policies/x.json")): all are affected', () => {
    expect([...affectedModules(['policies/deploy.json'], g)].sort()).toEqual([...g.modules].sort());
  });
});
