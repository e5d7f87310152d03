import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { topRules } from '../support/classifyTrees.js';

/*
 * terraform-aws-eks rewrote `x = try(each.value.x, null)` as `x = each.value.x` over a map of
 * node groups whose type makes `x` optional (null where an entry leaves it out). Terraform gives
 * the module the same values; the rewrite must read as no change, while a value that does change
 * is still caught.
 */

/** A module that grants `ec2:*` on every resource unless its caller turns the policy off. */
const grantModule = (nullable: string) => `variable "create_policy" {
  type    = bool
  default = true
${nullable}}

data "aws_iam_policy_document" "this" {
  count = var.create_policy ? 1 : 0
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "this" {
  count  = var.create_policy ? 1 : 0
  policy = data.aws_iam_policy_document.this[0].json
}
`;

/** A root calling the module once per group of a map it is given (keys known only at plan time). */
const root = (input: string) => `variable "groups" {
  type = map(object({
    name          = string
    create_policy = optional(bool)
  }))
}

module "grant" {
  source        = "./grant"
  for_each      = var.groups
  create_policy = ${input}
}
`;

const tree = (input: string, nullable: string, groups: string): Files => ({
  'main.tf': root(input),
  'grant/main.tf': grantModule(nullable),
  'terraform.tfvars': `groups = {\n${groups}}\n`,
});

const twoGroups = '  a = { name = "a" }\n  b = { name = "b", create_policy = false }\n';
const NOT_NULLABLE = '  nullable = false\n';

describe('a null input to a variable declared nullable = false is its default', () => {
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'quiet: try(each.value.create_policy, null) rewritten each.value.create_policy (only the call is edited)',
      tree('try(each.value.create_policy, null)', NOT_NULLABLE, twoGroups),
      tree('each.value.create_policy', NOT_NULLABLE, twoGroups),
      ['low', ['default']],
    ],
    [
      // One entry's instances of the policy may be new: an update whose count changed is judged
      // whole, as a create (classify/ruleMatch.ts), since entries are read as "any entry".
      'still caught: a group that had the policy off turns it on',
      tree('each.value.create_policy', NOT_NULLABLE, twoGroups),
      tree(
        'each.value.create_policy',
        NOT_NULLABLE,
        '  a = { name = "a" }\n  b = { name = "b", create_policy = true }\n',
      ),
      ['critical', ['identity.aws.wildcard-resource']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

/** A module granting `s3:GetObject` on `var.resources`, which defaults to every resource. */
const readModule = (nullable: string) => `variable "resources" {
  type    = list(string)
  default = ["*"]
${nullable}}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = var.resources
  }
}
`;

const readTree = (resources: string, nullable: string): Files => ({
  'main.tf': `module "read" {\n  source    = "./read"\n  resources = ${resources}\n}\n`,
  'read/main.tf': readModule(nullable),
});

describe('passing null to a variable declared nullable = false gives its default', () => {
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'still caught: a list of buckets replaced by null, which gives the default "*"',
      readTree('["arn:aws:s3:::logs/*"]', NOT_NULLABLE),
      readTree('null', NOT_NULLABLE),
      ['critical', ['identity.aws.wildcard-resource']],
    ],
    [
      'where the variable is nullable, null is its value: the statement names no resource',
      readTree('["arn:aws:s3:::logs/*"]', ''),
      readTree('null', ''),
      ['high', ['identity.aws.iam-policy-document']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

/** A module whose policy (ec2:* on every resource) is made when `var.encryption.enabled` is, else not. */
const encryptionModule = (count: string) => `variable "encryption" {
  default = null
}

data "aws_iam_policy_document" "custom" {
  count = ${count}
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
`;

const encryptionTree = (count: string, encryption: string): Files => ({
  'main.tf': `module "eks" {\n  source     = "./eks"\n${encryption}}\n`,
  'eks/main.tf': encryptionModule(count),
});

describe('an attribute of null is an error, which try() falls back from', () => {
  const ENABLED = 'try(var.encryption.enabled, false) ? 1 : 0';
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'a policy made always, now only where encryption is enabled, which it is not here: deleted, no new wildcard',
      encryptionTree('1', ''),
      encryptionTree(ENABLED, ''),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: a policy made nowhere, now where encryption is enabled, which the caller sets',
      encryptionTree('0', '  encryption = { enabled = true }\n'),
      encryptionTree(ENABLED, '  encryption = { enabled = true }\n'),
      ['critical', ['identity.aws.wildcard-resource']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});
