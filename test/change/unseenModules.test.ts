import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { type Files, tree } from '../classify/catalog/support.js';

/*
 * A local module source is code of the same repository, judged with the change. One that climbs
 * out of the repository, or names a directory with no Terraform file in the tree (a symbolic link
 * Git stores as a file, a directory a pipeline writes before init), loads code no one reviews.
 */

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
const ADMIN = 'resource "aws_iam_user" "admin" {\n  name = "admin"\n}\n';

function call(source: string): string {
  return `module "admin" {\n  source = "${source}"\n}\n`;
}

function unseen(base: SourceTree, head: SourceTree): [string, string, string][] {
  return classifyChangeSet(buildChangeSet(base, head), defaultPolicy())
    .findings.filter((f) => f.ruleId === 'local-module-unseen')
    .map((f) => [f.tier, f.address, f.rationale]);
}

function classified(base: Files, head: Files) {
  return unseen(tree(base), tree(head));
}

describe('a module call whose local source is not Terraform code in the tree is high', () => {
  it.each([
    [
      'a directory with no Terraform file (a symbolic link stored as a file)',
      './lib/admin',
      { 'lib/admin': '../../shared/admin' },
      'a directory with no Terraform file',
    ],
    ['no directory at all', './lib/admin', {}, 'a directory with no Terraform file'],
    ['a path out of the repository', '../../../../opt/modules/admin', {}, 'a path outside the repository'],
  ])('a new call of %s', (_case, source, extra, says) => {
    expect(classified({ 'main.tf': BUCKET }, { 'main.tf': BUCKET, 'admin.tf': call(source), ...extra })).toEqual([
      ['high', 'module.admin', expect.stringContaining(says)],
    ]);
  });

  it('a call given a new source that is not in the tree', () => {
    const module = { 'modules/admin/main.tf': ADMIN };
    expect(
      classified(
        { ...module, 'admin.tf': call('./modules/admin') },
        { ...module, 'admin.tf': call('./modules/admin-v2') },
      ),
    ).toEqual([['high', 'module.admin', expect.stringContaining('"./modules/admin-v2"')]]);
  });

  it.each<[string, Files, Files]>([
    [
      'a new call of a module in the tree',
      { 'main.tf': BUCKET },
      { 'main.tf': BUCKET, 'admin.tf': call('./lib/admin'), 'lib/admin/main.tf': ADMIN },
    ],
    [
      'an unchanged call',
      { 'main.tf': BUCKET, 'admin.tf': call('./lib/admin') },
      { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "y"\n}\n', 'admin.tf': call('./lib/admin') },
    ],
    [
      'a call into node_modules (judged as a remote module)',
      { 'main.tf': BUCKET },
      { 'main.tf': BUCKET, 'admin.tf': call('./node_modules/@acme/admin') },
    ],
  ])('not for %s', (_case, base, head) => {
    expect(classified(base, head)).toEqual([]);
  });

  it('a module the app did not read, but whose files the tree lists, is in the tree', () => {
    const base: SourceTree = { files: [{ path: 'main.tf', content: BUCKET }], notRead: ['lib/admin/main.tf'] };
    const head: SourceTree = {
      files: [
        { path: 'main.tf', content: BUCKET },
        { path: 'admin.tf', content: call('./lib/admin') },
      ],
      notRead: ['lib/admin/main.tf'],
    };
    expect(unseen(base, head)).toEqual([]);
  });
});

describe("an input of a call whose code is not in the tree is judged as a remote module's", () => {
  const withInput = (source: string, cidr: string) =>
    `module "sg" {\n  source       = "${source}"\n  ingress_cidr = "${cidr}"\n}\n`;
  const rules = (base: Files, head: Files) =>
    classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy()).findings.map((f) => [f.tier, f.ruleId]);

  it.each([
    ['a path out of the repository', '../../shared/sg'],
    ['a directory with no Terraform file', './vendor/sg'],
  ])('0.0.0.0/0 passed to %s: critical, as to a registry module', (_case, source) => {
    expect(
      rules({ 'stack/main.tf': withInput(source, '10.0.0.0/8') }, { 'stack/main.tf': withInput(source, '0.0.0.0/0') }),
    ).toContainEqual(['critical', 'modules.terraform.remote-input-open-world']);
  });

  it('the same input of a module in the tree is judged where it lands inside', () => {
    const module = {
      'stack/sg/main.tf':
        'variable "ingress_cidr" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = var.ingress_cidr\n}\n',
    };
    const found = rules(
      { ...module, 'stack/main.tf': withInput('./sg', '10.0.0.0/8') },
      { ...module, 'stack/main.tf': withInput('./sg', '0.0.0.0/0') },
    );
    expect(found.map(([, rule]) => rule)).not.toContain('modules.terraform.remote-input-open-world');
  });
});
