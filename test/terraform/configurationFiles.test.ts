import { describe, expect, it } from 'vitest';
import { configurationFiles } from '../../src/terraform/configurationFiles.js';
import { isOverrideFile } from '../../src/terraform/modulePaths.js';
import { isTerraformPath } from '../../src/terraform/parseFile.js';

function paths(...names: string[]): string[] {
  return configurationFiles(names.map((path) => ({ path, content: '' }))).map((file) => file.path);
}

describe('isTerraformPath: the configuration files Terraform and OpenTofu load', () => {
  it.each([
    ['main.tf', true],
    ['main.tf.json', true],
    ['admin.tofu', true],
    ['modules/net/net.tofu.json', true],
    ['prod.tfbackend', false],
    ['terraform.tfvars', false],
    ['.terraform.lock.hcl', false],
    ['main.tf.disabled', false],
    ['main.tofu.bak', false],
    // what terraform init downloaded is judged as files, never read as the configuration
    ['.terraform/modules/vpc/main.tf', false],
    ['envs/prod/.terraform/modules/vpc/main.tofu', false],
  ])('%s → %s', (path, expected) => {
    expect(isTerraformPath(path)).toBe(expected);
  });
});

describe('isOverrideFile: every configuration extension has override forms', () => {
  it.each([
    ['override.tf', true],
    ['override.tofu', true],
    ['modules/a/local_override.tofu.json', true],
    ['dns_override.tf.json', true],
    ['overrides.tofu', false],
    ['main.tofu', false],
  ])('%s → %s', (path, expected) => {
    expect(isOverrideFile(path)).toBe(expected);
  });
});

describe('configurationFiles', () => {
  it.each([
    {
      name: 'Terraform and OpenTofu files, sorted by path; other files are not configuration',
      files: ['variables.tf', 'admin.tofu', 'README.md', 'net.tofu.json', 'dns.tf.json', 'prod.tfbackend'],
      expected: ['admin.tofu', 'dns.tf.json', 'net.tofu.json', 'variables.tf'],
    },
    {
      name: 'x.tofu replaces x.tf in the same directory',
      files: ['main.tf', 'main.tofu', 'variables.tf'],
      expected: ['main.tofu', 'variables.tf'],
    },
    {
      name: 'x.tofu.json replaces x.tf.json',
      files: ['main.tf.json', 'main.tofu.json'],
      expected: ['main.tofu.json'],
    },
    {
      name: 'the replacement is per syntax: main.tofu leaves main.tf.json, main.tofu.json leaves main.tf',
      files: ['a.tf.json', 'a.tofu', 'b.tf', 'b.tofu.json'],
      expected: ['a.tf.json', 'a.tofu', 'b.tf', 'b.tofu.json'],
    },
    {
      name: 'the replacement is per directory',
      files: ['main.tf', 'modules/a/main.tofu', 'modules/a/main.tf', 'modules/b/main.tf'],
      expected: ['main.tf', 'modules/a/main.tofu', 'modules/b/main.tf'],
    },
    {
      name: 'override files are replaced too',
      files: ['override.tf', 'override.tofu'],
      expected: ['override.tofu'],
    },
    {
      name: 'files under .terraform/, .git/ and node_modules/ are never configuration',
      files: [
        '.terraform/modules/m/main.tf',
        'env/.terraform/modules/m/x.tofu',
        '.git/x.tf',
        'node_modules/p/main.tf',
        'main.tf',
      ],
      expected: ['main.tf'],
    },
  ])('$name', ({ files, expected }) => {
    expect(paths(...files)).toEqual(expected);
  });
});
