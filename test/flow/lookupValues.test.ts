import { describe, expect, it } from 'vitest';
import { classifyTrees, topRules } from '../support/classifyTrees.js';

/*
 * What a data source fetches is known only at plan time, but it is fetched by its arguments: a
 * lookup that asks for another VPC, key or role hands another value to whatever reads it.
 */

/** A security group rule `name` on `port` that allows `cidr` (an expression). */
const ruleAllowing = (name: string, port: number, cidr: string) => `resource "aws_security_group_rule" "${name}" {
  type              = "ingress"
  from_port         = ${port}
  to_port           = ${port}
  protocol          = "tcp"
  cidr_blocks       = [${cidr}]
  security_group_id = "sg-1"
}
`;

const securityGroupRule = (vpc: string) => `data "aws_vpc" "peer" {
  id = ${vpc}
}

${ruleAllowing('db', 5432, 'data.aws_vpc.peer.cidr_block')}`;

const VARIABLE = 'variable "peer" {\n  default = "vpc-111"\n}\n';

describe('a lookup asked for something else reaches what reads it', () => {
  it.each<[string, Record<string, string>, Record<string, string>, [string, string[]]]>([
    [
      'caught: the VPC looked up changed, the rule that allows its CIDR unchanged (before: low)',
      { 'main.tf': securityGroupRule('"vpc-111"') },
      { 'main.tf': securityGroupRule('"vpc-999"') },
      ['high', ['network.aws.security-group']],
    ],
    [
      'caught: the same through a tfvars entry the lookup reads',
      { 'main.tf': VARIABLE + securityGroupRule('var.peer') },
      { 'main.tf': VARIABLE + securityGroupRule('var.peer'), 'terraform.tfvars': 'peer = "vpc-999"\n' },
      ['high', ['network.aws.security-group']],
    ],
    [
      'quiet: the lookup unchanged, a comment added beside it',
      { 'main.tf': securityGroupRule('"vpc-111"') },
      { 'main.tf': `# the peer VPC\n${securityGroupRule('"vpc-111"')}` },
      ['none', []],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });

  it('the finding says which lookup changed, and from where', () => {
    const result = classifyTrees(
      { 'main.tf': VARIABLE + securityGroupRule('var.peer') },
      { 'main.tf': VARIABLE + securityGroupRule('var.peer'), 'terraform.tfvars': 'peer = "vpc-999"\n' },
    );
    const rule = result.findings.find((finding) => finding.address === 'aws_security_group_rule.db');
    expect(rule?.via).toEqual([
      'terraform.tfvars:1 peer → var.peer → data.aws_vpc.peer → aws_security_group_rule.db cidr_blocks',
    ]);
  });

  it('a policy document is judged where it is written, not again in the policy that reads its json', () => {
    const policy = (action: string) => ({
      'main.tf': `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["${action}"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`,
    });
    const result = classifyTrees(policy('s3:GetObject'), policy('s3:PutObject'));
    expect([...new Set(result.findings.map((finding) => finding.address))]).toEqual(['data.aws_iam_policy_document.d']);
  });
});

describe('a lookup interpolated in a policy is one value at both sides', () => {
  const document = (actions: string) => ({
    'main.tf': `data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = [${actions}]
    resources = ["arn:aws:s3:::logs-\${data.aws_caller_identity.current.account_id}/*"]
  }
}
`,
  });

  it('an action removed beside it is a narrowing (medium), not an unknown widening', () => {
    expect(topRules(document('"s3:GetObject", "s3:PutObject"'), document('"s3:GetObject"'))).toEqual([
      'medium',
      ['identity.aws.iam-policy-document'],
    ]);
  });
});

describe('what a lookup asks, read as Terraform reads arguments', () => {
  const ami = (lookup: string, reveal = true) => ({
    'main.tf': `variable "region" {
  default = null
}

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id"
  ${lookup}
}

resource "aws_launch_template" "nodes" {
  image_id = ${reveal ? 'nonsensitive(data.aws_ssm_parameter.ami.value)' : 'data.aws_ssm_parameter.ami.value'}
}
`,
  });

  it.each<[string, Record<string, string>, Record<string, string>, [string, string[]]]>([
    [
      'quiet: an argument added as null (AWS provider v6 `region = var.region`) asks the same',
      ami(''),
      ami('region = var.region'),
      ['none', []],
    ],
    [
      'another parameter looked up changes the image, but reveals nothing new: not the nonsensitive rule',
      ami(''),
      ami('with_decryption = true'),
      ['low', ['default']],
    ],
    [
      'still caught: nonsensitive() written where it was not',
      ami('', false),
      ami(''),
      ['high', ['secrets.terraform.nonsensitive']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

describe('a lookup inside a local module, reached from the root', () => {
  const tree = (peer: string) => ({
    'main.tf': 'variable "peer" {}\n\nmodule "db" {\n  source   = "./modules/db"\n  peer_vpc = var.peer\n}\n',
    'terraform.tfvars': `peer = "${peer}"\n`,
    'modules/db/main.tf': `variable "peer_vpc" {}\n\ndata "aws_vpc" "peer" {\n  count = 1\n  id    = var.peer_vpc\n}\n\n${securityGroupRule('"unused"').split('\n\n')[1]!.replace('data.aws_vpc.peer.cidr_block', 'data.aws_vpc.peer[0].cidr_block')}`,
  });

  it('caught: a tfvars entry passed as a module input to a counted lookup', () => {
    expect(topRules(tree('vpc-111'), tree('vpc-999'))).toEqual(['high', ['network.aws.security-group']]);
  });
});

/*
 * A value the configuration writes and reads back through a lookup: the parameter is written by
 * `aws_ssm_parameter` and read by `data "aws_ssm_parameter"` of the same name.
 */
describe('a lookup of what the module itself writes reads the value written', () => {
  const readBack = (value: string, lookupName: string, dependsOn: boolean) => ({
    'main.tf': `resource "aws_ssm_parameter" "cidr" {
  name  = "/net/admin"
  type  = "String"
  value = "${value}"
}

resource "aws_ssm_parameter" "other" {
  name  = "/net/other"
  type  = "String"
  value = "10.1.0.0/16"
}

data "aws_ssm_parameter" "cidr" {
  name = "${lookupName}"${dependsOn ? '\n  depends_on = [aws_ssm_parameter.cidr]' : ''}
}

${ruleAllowing('ssh', 22, 'data.aws_ssm_parameter.cidr.value')}`,
  });

  it.each<[string, string, boolean, string]>([
    ['caught: the parameter of that name written 0.0.0.0/0 (before: low)', '/net/admin', false, 'critical'],
    ['caught: the same, the lookup depending on it', '/net/admin', true, 'critical'],
    // Another name: what it asks for is not what the module writes, unless it reads after the write.
    ['caught: a lookup of another name that depends on the parameter written', '/net/elsewhere', true, 'high'],
    [
      'quiet: a lookup of another name beside a parameter of its type written otherwise',
      '/net/elsewhere',
      false,
      'none',
    ],
  ])('%s', (_name, lookupName, dependsOn, tier) => {
    const result = classifyTrees(
      readBack('10.0.0.0/8', lookupName, dependsOn),
      readBack('0.0.0.0/0', lookupName, dependsOn),
    );
    expect(result.findings.find((f) => f.address === 'aws_security_group_rule.ssh')?.tier ?? 'none').toBe(tier);
  });

  it('the route names the resource the value was written into', () => {
    const result = classifyTrees(readBack('10.0.0.0/8', '/net/admin', true), readBack('0.0.0.0/0', '/net/admin', true));
    const finding = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(finding?.via).toEqual([
      'aws_ssm_parameter.cidr value (main.tf:4) → aws_security_group_rule.ssh cidr_blocks',
    ]);
  });

  it('quiet: the parameter written unchanged, a comment added', () => {
    const before = readBack('10.0.0.0/8', '/net/admin', true);
    expect(topRules(before, { 'main.tf': `# params\n${before['main.tf']}` })).toEqual(['none', []]);
  });
});
