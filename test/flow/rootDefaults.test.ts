import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees as classify } from '../support/classifyTrees.js';

/*
 * A root's variables are the deployment's inputs: a default that leaves a count or for_each
 * empty may not be what runs, so what such an object holds is judged as if it had instances.
 */

describe("an object a root variable's default leaves without instances may have them where it is deployed", () => {
  const attachment = (meta: string) => `resource "aws_iam_user_policy_attachment" "admin" {
${meta}
  user       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`;
  const variables =
    'variable "admins" {\n  type    = map(string)\n  default = {}\n}\n\nvariable "create" {\n  default = false\n}\n';
  const adminRule = (result: ReturnType<typeof classify>) =>
    result.findings.filter((f) => f.ruleId === 'identity.aws.admin-managed-policy').map((f) => [f.tier, f.action]);

  it.each<[string, Files, Files, string[][]]>([
    [
      'in a root, an attachment added with `for_each = var.admins`, default `{}`: a workspace variable can fill it',
      { 'main.tf': variables },
      { 'main.tf': variables + attachment('  for_each = var.admins') },
      [['critical', 'create']],
    ],
    [
      'in a root, through a filtering `for` and a conditional count',
      { 'main.tf': variables },
      {
        'main.tf': `${variables}${attachment('  for_each = { for k, v in var.admins : k => v if v != "" }')}\n${attachment('  count = var.create ? 1 : 0').replace('"admin"', '"admin_count"')}`,
      },
      [
        ['critical', 'create'],
        ['critical', 'create'],
      ],
    ],
    [
      'in a module whose every caller leaves the input at its default: the callers are in the repository, nothing is created',
      { 'root/main.tf': 'module "iam" {\n  source = "../iam"\n}\n', 'iam/variables.tf': variables },
      {
        'root/main.tf': 'module "iam" {\n  source = "../iam"\n}\n',
        'iam/variables.tf': variables,
        'iam/main.tf': attachment('  for_each = var.admins'),
      },
      [],
    ],
    [
      'in a root whose terraform.tfvars sets the variable empty: the value is written in the repository',
      { 'main.tf': variables, 'terraform.tfvars': 'admins = {}\n' },
      { 'main.tf': variables + attachment('  for_each = var.admins'), 'terraform.tfvars': 'admins = {}\n' },
      [],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(adminRule(classify(base, head))).toEqual(expected);
  });

  it('the finding says why an object the default leaves without instances is judged', () => {
    const result = classify({ 'main.tf': variables }, { 'main.tf': variables + attachment('  for_each = var.admins') });
    const finding = result.findings.find((f) => f.ruleId === 'identity.aws.admin-managed-policy');
    expect(finding?.via).toEqual([
      expect.stringContaining(
        "aws_iam_user_policy_attachment.admin in root .: its count/for_each is empty only by a root variable's default, and the deployment may set that variable",
      ),
    ]);
  });
});

describe("what reads each.value where a root's default leaves the for_each empty is still read", () => {
  const rule = (fallback: string) => `variable "rules" {
  type    = map(any)
  default = {}
}

resource "aws_security_group_rule" "ssh" {
  for_each          = var.rules
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  security_group_id = "sg-1"
  cidr_blocks       = [lookup(each.value, "cidr", "${fallback}")]
}
`;
  it('still caught: a for over an entry the deployment passes, opened to the world in its body', () => {
    const result = classify(
      { 'main.tf': rule('10.0.0.0/8') },
      {
        'main.tf': rule('10.0.0.0/8').replace(
          '[lookup(each.value, "cidr", "10.0.0.0/8")]',
          '[for c in each.value.cidrs : "0.0.0.0/0"]',
        ),
      },
    );
    expect(result.tier).toBe('critical');
  });

  it('still caught: the fallback of an entry the deployment passes opened to the world', () => {
    const result = classify({ 'main.tf': rule('10.0.0.0/8') }, { 'main.tf': rule('0.0.0.0/0') });
    expect(result.tier).toBe('critical');
  });
});

describe('a for over a root variable the default leaves empty still shows what its body writes', () => {
  const group = (body: string) => `variable "rules" {
  type    = map(any)
  default = {}
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [for r in var.rules : ${body}]
  }
}
`;
  it('still caught: the body opened to the world', () => {
    const result = classify({ 'main.tf': group('r.cidr') }, { 'main.tf': group('"0.0.0.0/0"') });
    expect(result.tier).toBe('critical');
  });
});

describe("an operator over a root variable's default is not evaluated: the deployment may set another value", () => {
  const group = (cidrs: string) => `variable "open" {
  default = false
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ${cidrs}
  }
}
`;
  it.each<[string, string]>([
    ['a conditional', 'var.open ? ["0.0.0.0/0"] : ["10.0.0.0/8"]'],
    ['a conditional behind &&', 'var.open && true ? ["0.0.0.0/0"] : ["10.0.0.0/8"]'],
  ])('still caught: a branch opened to the world behind %s', (_name, cidrs) => {
    const result = classify({ 'main.tf': group('["10.0.0.0/8"]') }, { 'main.tf': group(cidrs) });
    expect(result.tier).toBe('critical');
  });
});
