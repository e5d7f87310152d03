import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';
import { sshRule } from '../support/terraformSamples.js';

/*
 * When a module below a root changes, the root is followed, but an object whose definition and
 * every value it reads are the same at both sides is settled: not resolved, not compared (see
 * src/flow/valueReach.ts). Each case changes what an unchanged object reads — in another file, in
 * a changed file where the object's own text is the same, beside a change below that makes the
 * root followed — and the object must still be reported, with the path its value reaches.
 */

/** A root calling two local modules; `modules/other` changes in every case, so the root is followed. */
const ROOT = `module "app" {
  source = "../modules/app"
  name   = local.name
}

module "other" {
  source = "../modules/other"
}

resource "aws_s3_bucket" "logs" {
  bucket = module.net.bucket_name
}

module "net" {
  source = "../modules/net"
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = file("\${path.module}/\${local.policy_file}")
}

resource "aws_sns_topic" "alerts" {
  name = var.topic
}
`;
const APP = `variable "name" {}

variable "tier" {
  default = "gold"
}

resource "aws_s3_bucket" "data" {
  bucket = "\${var.name}-\${var.tier}"
}
`;
const NET_OUTPUTS = `output "bucket_name" {
  value = "logs-\${local.suffix}"
}
`;
const BASE: Files = {
  'live/main.tf': ROOT,
  'live/locals.tf': 'locals {\n  prefix = "acme"\n  name   = "${local.prefix}-app"\n}\n',
  'live/variables.tf': 'variable "topic" {}\n',
  'live/terraform.tfvars': 'topic = "alerts"\n',
  'live/policy.json': '{"Statement":[]}',
  'live/admin.json': '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  'live/files.tf': 'locals {\n  policy_file = "policy.json"\n}\n',
  'modules/app/main.tf': APP,
  'modules/net/outputs.tf': NET_OUTPUTS,
  'modules/net/locals.tf': 'locals {\n  suffix = "eu"\n}\n',
  'modules/other/main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
};
/** The change below that makes the root followed in every case. */
const OTHER_CHANGED = { 'modules/other/main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs-2"\n}\n' };
const QUEUE: Row = ['modules/other', 'aws_sqs_queue.jobs', 'update', ['name']];

type Row = [module: string, address: string, action: string, changedPaths: string[]];

function changes(head: Files): Row[] {
  const changeSet = buildChangeSet(tree(BASE), tree({ ...BASE, ...OTHER_CHANGED, ...head }));
  return changeSet.changes
    .map((change): Row => [change.module, change.address, change.action, change.changedPaths])
    .sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
}

describe('an object is settled only when nothing it reads changed', () => {
  it.each<[string, Files, Row[]]>([
    ['nothing else changed: the unchanged objects are no changes', {}, [QUEUE]],
    [
      'a local changed in another file, read through a local whose text (in a changed file) is the same',
      {
        'live/locals.tf': 'locals {\n  name = "${local.prefix}-app"\n}\n',
        'live/prefix.tf': 'locals {\n  prefix = "evil"\n}\n',
      },
      [
        ['live', 'local.prefix', 'update', ['prefix']],
        ['modules/app', 'aws_s3_bucket.data', 'update', ['bucket']],
        QUEUE,
      ],
    ],
    [
      'an output of a local module reads a changed local',
      { 'modules/net/locals.tf': 'locals {\n  suffix = "us"\n}\n' },
      [
        ['live', 'aws_s3_bucket.logs', 'update', ['bucket']],
        ['modules/net', 'local.suffix', 'update', ['suffix']],
        QUEUE,
      ],
    ],
    [
      'a var file value',
      { 'live/terraform.tfvars': 'topic = "other"\n' },
      [['live', 'aws_sns_topic.alerts', 'update', ['name']], QUEUE],
    ],
    [
      'a file read by a file function',
      { 'live/policy.json': '{"Statement":[{"Action":"*"}]}' },
      [['live', 'aws_iam_policy.deploy', 'update', ['policy']], QUEUE],
    ],
    [
      'the path a file function reads, from a local changed in another file (no file but Terraform code changed)',
      { 'live/files.tf': 'locals {\n  policy_file = "admin.json"\n}\n' },
      [
        ['live', 'aws_iam_policy.deploy', 'update', ['policy']],
        ['live', 'local.policy_file', 'update', ['policy_file']],
        QUEUE,
      ],
    ],
    [
      "a module call's input, the module's code the same",
      { 'live/main.tf': ROOT.replace('name   = local.name', 'name   = "evil"') },
      [['live', 'module.app', 'update', ['name']], ['modules/app', 'aws_s3_bucket.data', 'update', ['bucket']], QUEUE],
    ],
    [
      "a variable's default, changed in the file of the unchanged object that reads it",
      { 'modules/app/main.tf': APP.replace('default = "gold"', 'default = "none"') },
      [
        ['modules/app', 'aws_s3_bucket.data', 'update', ['bucket']],
        ['modules/app', 'var.tier', 'update', ['default']],
        QUEUE,
      ],
    ],
    [
      'a variable only a var file sets, the declaration moved to another file',
      {
        'live/variables.tf': '',
        'live/topic.tf': 'variable "topic" {}\n',
        'live/terraform.tfvars': 'topic = "moved"\n',
      },
      [['live', 'aws_sns_topic.alerts', 'update', ['name']], QUEUE],
    ],
  ])('%s', (_, head, expected) => {
    expect(changes(head)).toEqual(expected);
  });
});

describe("a root's var-file contexts share what each object reads, not whether it changed", () => {
  it('a value changed in one -var-file only is a change under that var file', () => {
    const base = { ...BASE, 'live/prod.tfvars': 'topic = "prod"\n' };
    const head = { ...base, ...OTHER_CHANGED, 'live/prod.tfvars': 'topic = "prod-evil"\n' };
    const resources = buildChangeSet(tree(base), tree(head)).changes.filter((change) => change.kind === 'resource');
    expect(resources.map((change) => [change.address, change.changedPaths, change.varFile])).toEqual([
      ['aws_sns_topic.alerts', ['name'], 'live/prod.tfvars'],
      ['aws_sqs_queue.jobs', ['name'], undefined],
    ]);
  });
});

describe("a reader of an external program's result is bound to what the program is asked", () => {
  const files = (env: string, script: string): Files => ({
    'live/locals.tf': `locals {\n  env = "${env}"\n}\n`,
    'live/main.tf': `data "external" "cidr" {
  program = ["bash", "\${path.module}/cidr.sh"]
  query   = { env = local.env }
}

${sshRule('data.external.cidr.result.cidr')}`,
    'live/cidr.sh': script,
  });
  const addresses = (head: Files) =>
    buildChangeSet(tree(files('dev', 'echo 10')), tree(head))
      .changes.map((change) => change.address)
      .sort();

  it('asked otherwise (a local it reads changed in another file): the rule reading its result changes', () => {
    expect(addresses(files('prod', 'echo 10'))).toEqual([
      'aws_security_group_rule.ssh',
      'data.external.cidr',
      'local.env',
    ]);
  });

  it('its script changed: the data source changes, as code run with the deployer’s credentials', () => {
    expect(addresses(files('dev', 'echo 0.0.0.0/0'))).toContain('data.external.cidr');
  });
});
