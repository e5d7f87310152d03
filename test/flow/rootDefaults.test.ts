import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees as classify } from '../support/classifyTrees.js';
import { bastionGroup, sshRule } from '../support/terraformSamples.js';

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
      'in a root whose terraform.tfvars sets other variables only: the default still decides',
      { 'main.tf': variables, 'terraform.tfvars': 'create = false\n' },
      { 'main.tf': variables + attachment('  for_each = var.admins'), 'terraform.tfvars': 'create = false\n' },
      [['critical', 'create']],
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
  const variables = 'variable "rules" {\n  type    = map(any)\n  default = {}\n}\n\n';
  const files = (cidr: string) => ({
    'main.tf': variables + sshRule(cidr, { forEach: '  for_each          = var.rules\n' }),
  });
  const FALLBACK = 'lookup(each.value, "cidr", "10.0.0.0/8")';
  it.each<[string, string]>([
    [
      'a for over an entry the deployment passes, opened to the world in its body',
      'one([for c in each.value.cidrs : "0.0.0.0/0"])',
    ],
    ['the fallback of an entry the deployment passes opened to the world', 'lookup(each.value, "cidr", "0.0.0.0/0")'],
  ])('still caught: %s', (_name, after) => {
    expect(classify(files(FALLBACK), files(after)).tier).toBe('critical');
  });
});

describe("what a root variable's default decides is not folded: the deployment may set another value", () => {
  const variables =
    'variable "rules" {\n  type    = map(any)\n  default = {}\n}\n\nvariable "open" {\n  default = false\n}\n\n' +
    'variable "cidrs" {\n  default = { ssh = "10.0.0.0/8" }\n}\n\n' +
    'variable "flags" {\n  default = { ssh = true }\n}\n\n';
  const files = (cidrs: string) => ({ 'main.tf': variables + bastionGroup(cidrs) });
  it.each<[string, string, string]>([
    [
      'a for over a map the default leaves empty',
      '[for r in var.rules : r.cidr]',
      '[for r in var.rules : "0.0.0.0/0"]',
    ],
    ['a conditional', '["10.0.0.0/8"]', 'var.open ? ["0.0.0.0/0"] : ["10.0.0.0/8"]'],
    ['a conditional behind &&', '["10.0.0.0/8"]', 'var.open && true ? ["0.0.0.0/0"] : ["10.0.0.0/8"]'],
    [
      'the fallback of a lookup in a map the default fills',
      '[var.cidrs.ssh]',
      '[lookup(var.cidrs, "ssh", "0.0.0.0/0")]',
    ],
    ['the fallback of a try in a map the default fills', '[var.cidrs.ssh]', '[try(var.cidrs.ssh, "0.0.0.0/0")]'],
    [
      'a filtering for whose condition the default decides',
      '[for k, c in var.cidrs : c]',
      'values({ for k, c in { ssh = "10.0.0.0/8", any = "0.0.0.0/0" } : k => c if lookup(var.flags, k, false) })',
    ],
    [
      'a list for whose condition is the default alone',
      '["10.0.0.0/8"]',
      'concat(["10.0.0.0/8"], [for c in ["0.0.0.0/0"] : c if var.open])',
    ],
  ])('still caught: opened to the world behind %s', (_name, before, after) => {
    expect(classify(files(before), files(after)).tier).toBe('critical');
  });
});

describe('coalesce over a root default that the deployment may set empty', () => {
  const documentWith = (actions: string) => `variable "action" {
  default = "s3:GetObject"
}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = ${actions}
    resources = ["arn:aws:s3:::data/*"]
  }
}
`;
  it('still caught: a wildcard fallback does not "grant the same" as the default', () => {
    const result = classify(
      { 'main.tf': documentWith('["s3:GetObject"]') },
      { 'main.tf': documentWith('[coalesce(var.action, "*")]') },
    );
    expect(result.tier).toBe('critical');
  });
});

describe('a policy document whose values a root default decides is not read by the default alone', () => {
  const documentWith = (variable: string, actions: string) => `${variable}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = ${actions}
    resources = ["arn:aws:s3:::data/*"]
  }
}
`;
  const ADMIN = 'variable "admin" {\n  default = false\n}';
  const action = (value: string) => `variable "action" {\n  default = "${value}"\n}`;
  const COALESCE = '[coalesce(var.action, "s3:ListBucket")]';
  it.each<[string, string, string]>([
    [
      'a branch granting "*" behind a condition the default switches off',
      documentWith(ADMIN, '["s3:GetObject"]'),
      documentWith(ADMIN, 'var.admin ? ["*"] : ["s3:GetObject"]'),
    ],
    [
      'the default itself changed to "*" where coalesce reads it',
      documentWith(action('s3:GetObject'), COALESCE),
      documentWith(action('*'), COALESCE),
    ],
    [
      'the same condition read through a local',
      documentWith(`${ADMIN}\n\nlocals {\n  admin = var.admin\n}`, '["s3:GetObject"]'),
      documentWith(`${ADMIN}\n\nlocals {\n  admin = var.admin\n}`, 'local.admin ? ["*"] : ["s3:GetObject"]'),
    ],
    [
      'the condition negated, its default true',
      documentWith('variable "readonly" {\n  default = true\n}', '["s3:GetObject"]'),
      documentWith('variable "readonly" {\n  default = true\n}', '!var.readonly ? ["*"] : ["s3:GetObject"]'),
    ],
    [
      'a comparison with a literal',
      documentWith('variable "mode" {\n  default = "read"\n}', '["s3:GetObject"]'),
      documentWith('variable "mode" {\n  default = "read"\n}', 'var.mode == "admin" ? ["*"] : ["s3:GetObject"]'),
    ],
    [
      'coalescelist with a wildcard list after the default',
      documentWith('variable "actions" {\n  default = ["s3:GetObject"]\n}', '["s3:GetObject"]'),
      documentWith('variable "actions" {\n  default = ["s3:GetObject"]\n}', 'coalescelist(var.actions, ["*"])'),
    ],
  ])('still caught: %s', (_name, base, head) => {
    expect(classify({ 'main.tf': base }, { 'main.tf': head }).tier).toBe('critical');
  });
});
