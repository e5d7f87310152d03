import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/github/changedFiles.js';
import { contentExpressions, needsContent, pullRequestTrees } from '../../src/github/pullRequestTrees.js';
import { buildChangeSet } from '../../src/terraform/changeSet.js';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);

const files: ChangedFile[] = [
  { path: 'main.tf', status: 'modified', blobSha: '1'.repeat(40) },
  { path: 'new/net.tf.json', status: 'added', blobSha: '2'.repeat(40) },
  { path: 'gone.tf', status: 'removed', blobSha: null },
  { path: 'mod/iam.tf', previousPath: 'iam.tf', status: 'renamed', blobSha: '3'.repeat(40) },
  { path: '.github/four-eyes.yml', status: 'modified', blobSha: '4'.repeat(40) },
  { path: 'README.md', status: 'modified', blobSha: '5'.repeat(40) },
  { path: 'docs/old.md', previousPath: 'old.md', status: 'renamed', blobSha: '6'.repeat(40) },
  { path: '.github/workflows/apply.yml', status: 'added', blobSha: '7'.repeat(40) },
];

describe('the PR\'s files as the pure core reads them', () => {
  it('only Terraform files and the policy file are downloaded: base at the old path, head at the new', () => {
    expect(files.map(needsContent)).toEqual([true, true, true, true, true, false, false, false]);
    expect(contentExpressions(files, BASE, HEAD)).toEqual([
      `${BASE}:main.tf`, `${HEAD}:main.tf`, `${BASE}:new/net.tf.json`, `${HEAD}:new/net.tf.json`, `${BASE}:gone.tf`, `${HEAD}:gone.tf`,
      `${BASE}:iam.tf`, `${HEAD}:mod/iam.tf`, `${BASE}:.github/four-eyes.yml`, `${HEAD}:.github/four-eyes.yml`,
    ]);
  });

  it('other files get stand-ins that differ exactly as GitHub says, so file rules see every change', () => {
    const contents = new Map([
      [`${BASE}:main.tf`, { oid: 'a1', text: 'locals {\n  a = 1\n}\n' }], [`${HEAD}:main.tf`, { oid: 'a2', text: 'locals {\n  a = 2\n}\n' }],
      [`${BASE}:new/net.tf.json`, null], [`${HEAD}:new/net.tf.json`, { oid: 'a3', text: '{}' }],
      [`${BASE}:gone.tf`, { oid: 'a4', text: 'locals {}\n' }], [`${HEAD}:gone.tf`, null],
      [`${BASE}:iam.tf`, { oid: 'a5', text: 'locals {}\n' }], [`${HEAD}:mod/iam.tf`, { oid: 'a5', text: 'locals {}\n' }],
      [`${BASE}:.github/four-eyes.yml`, { oid: 'a6', text: 'version: 1\n' }], [`${HEAD}:.github/four-eyes.yml`, { oid: 'a7', text: 'version: 1\ndistinct: false\n' }],
    ]);
    const trees = pullRequestTrees(files, BASE, HEAD, contents);
    const changes = buildChangeSet(trees.base, trees.head).files.map((f) => [f.path, f.status, f.previousPath ?? '']);
    expect(changes).toEqual([
      ['.github/four-eyes.yml', 'modified', ''],
      ['.github/workflows/apply.yml', 'added', ''],
      ['README.md', 'modified', ''],
      ['docs/old.md', 'renamed', 'old.md'],
      ['gone.tf', 'deleted', ''],
      ['main.tf', 'modified', ''],
      ['mod/iam.tf', 'renamed', 'iam.tf'],
      ['new/net.tf.json', 'added', ''],
    ]);
    expect(trees.head.files.find((f) => f.path === 'main.tf')).toEqual({ path: 'main.tf', content: 'locals {\n  a = 2\n}\n', blobSha: 'a2' });
  });
});

describe('which file kinds are downloaded', () => {
  it.each<[string, boolean]>([
    ['admin.tofu', true],
    ['modules/net/net.tofu.json', true],
    ['prod.tfbackend', false],
    ['.terraform.lock.hcl', false],
    ['.terraformrc', false],
    // never parsed, so a stand-in is enough to see that it changed
    ['.terraform/modules/vpc/main.tf', false],
    ['.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws', false],
  ])('%s → %s', (path, expected) => {
    expect(needsContent({ path, status: 'modified', blobSha: '1'.repeat(40) })).toBe(expected);
  });

  it('a changed file under a committed .terraform/ directory reaches the change set as a changed file', () => {
    const plugin: ChangedFile = { path: '.terraform/providers/p/terraform-provider-aws', status: 'modified', blobSha: '8'.repeat(40) };
    const trees = pullRequestTrees([plugin], BASE, HEAD, new Map());
    expect(buildChangeSet(trees.base, trees.head).files).toEqual([{ path: plugin.path, status: 'modified', terraform: false }]);
  });
});
