import { describe, expect, it } from 'vitest';
import { buildChangeSet, type ChangeSet } from '../../src/change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../src/change/reachedTrees.js';
import { readSourceTree } from '../../src/cli/readTree.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { ROOT } from '../cli/support.js';

/*
 * The command line compares what a change reaches, as the app does (github/pullRequestTrees.ts
 * shares the rule): it must judge exactly as the whole trees would, or the cut hides something.
 */

const tree = (files: Record<string, string>): SourceTree => ({
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
});

/** What a change set says, without the bookkeeping that names no change. */
function judged(changeSet: ChangeSet) {
  const { changes, files, unparsed, problems, unreached } = changeSet;
  return { changes, files, unparsed, problems, unreached };
}

function throughReach(base: SourceTree, head: SourceTree): ChangeSet {
  const reached = reachedTrees(base, head);
  return withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
}

const STACK =
  'variable "enable_admin" {\n  type    = bool\n  default = false\n}\n\nmodule "admin" {\n  source = "../modules/admin"\n  count  = var.enable_admin ? 1 : 0\n}\n';
const admin = (action: string) =>
  `resource "aws_iam_policy" "admin" {\n  name   = "ops"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }] })\n}\n`;

describe('the trees a change reaches', () => {
  it('keep the var files placed with a reached root, wherever they lie, and drop unreached roots', () => {
    const files = (action: string) => ({
      'stack/main.tf': STACK,
      'envs/prod.tfvars': 'enable_admin = true\n',
      'stack/env/dev.tfvars': 'enable_admin = false\n',
      'modules/admin/main.tf': admin(action),
      'other/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'other/vars/x.tfvars': 'y = 1\n',
      'README.md': '# infra\n',
    });
    const reached = reachedTrees(tree(files('s3:GetObject')), tree(files('*')));
    expect(reached.head.files.map((f) => f.path).sort()).toEqual([
      'README.md',
      'envs/prod.tfvars',
      'modules/admin/main.tf',
      'stack/env/dev.tfvars',
      'stack/main.tf',
    ]);
    expect(reached.outOfReach.map((f) => f.path)).toEqual(['other/main.tf', 'other/vars/x.tfvars']);
  });

  it('judge a module switched on by a var file under no root as the whole trees do: with its instances', () => {
    const files = (action: string) => ({
      'stack/main.tf': STACK,
      'envs/prod.tfvars': 'enable_admin = true\n',
      'modules/admin/main.tf': admin(action),
    });
    const base = tree(files('s3:GetObject'));
    const head = tree(files('*'));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    expect(narrowed.changes.map((c) => c.instances?.map((i) => i.root))).toEqual([['stack']]);
  });

  it('keep old problems out of reach, at both sides, as the whole trees list them', () => {
    const files = (cidr: string) => ({
      'app/main.tf': `resource "aws_vpc" "v" {\n  cidr_block = "${cidr}"\n}\n`,
      'legacy/a.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'legacy/b.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'broken/main.tf': 'resource "x" {\n',
    });
    const base = tree(files('10.0.0.0/16'));
    const head = tree(files('10.1.0.0/16'));
    expect(reachedTrees(base, head).outOfReach.map((f) => f.path)).toEqual([
      'legacy/a.tf',
      'legacy/b.tf',
      'broken/main.tf',
    ]);
    expect(judged(throughReach(base, head))).toEqual(judged(buildChangeSet(base, head)));
  });
});

describe('on every fixture pair, the change set through reach is the whole trees’ change set', () => {
  it.each([
    'examples/iam-change',
    'test/fixtures/changes/platform-pr',
    'test/fixtures/cli/classify/queue',
    'test/fixtures/cli/classify/backend-config',
    'test/fixtures/cli/diff/unparsed',
    'test/fixtures/cli/diff/old-problem',
    'test/fixtures/cli/diff/formatting',
    'test/fixtures/cli/diff/changes',
    'test/fixtures/cli/diff/head-problem',
    'test/fixtures/cli/diff/base-problem',
    'test/fixtures/cli/classify/opentofu:head-tf',
    'test/fixtures/cli/classify/opentofu:head-tofu',
  ])('%s', (pair) => {
    const [dir, headName = 'head'] = pair.split(':');
    const base = readSourceTree(`${ROOT}/${dir}/base`);
    const head = readSourceTree(`${ROOT}/${dir}/${headName}`, base);
    expect(judged(throughReach(base, head))).toEqual(judged(buildChangeSet(base, head)));
  });
});
