import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';
import { sshRule } from '../support/terraformSamples.js';

/*
 * A local module called with a `for_each` whose keys are known at both sides (at most 16) is
 * instantiated key by key, as Terraform does: `module.grant["b"]`, each instance reading its own
 * entry. One entry turning a flag on is that instance's change, not "any entry"'s.
 */

const grantModule = `variable "create_policy" {
  type     = bool
  default  = true
  nullable = false
}

data "aws_iam_policy_document" "this" {
  count = var.create_policy ? 1 : 0
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
`;

const tree = (groups: string): Files => ({
  'main.tf': `variable "groups" {
  type = map(object({ create_policy = optional(bool) }))
}

module "grant" {
  source        = "./grant"
  for_each      = var.groups
  create_policy = each.value.create_policy
}
`,
  'grant/main.tf': grantModule,
  'terraform.tfvars': `groups = {\n${groups}}\n`,
});

/** The tier, and each finding at it as "rule action instance". */
function rated(base: Files, head: Files): [string, string[]] {
  const result = classifyTrees(base, head);
  const top = result.findings.filter((finding) => finding.tier === result.tier);
  return [result.tier, top.map((f) => `${f.ruleId} ${f.action} ${(f.instances ?? []).join(',')}`).sort()];
}

const OFF = (key: string) => `  ${key} = { create_policy = false }\n`;
const ON = (key: string) => `  ${key} = {}\n`;
const POLICY = (key: string) => `.: module.grant["${key}"].data.aws_iam_policy_document.this`;

describe('a module call with a for_each of known keys, key by key', () => {
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'one entry turns the policy on: that instance creates it',
      tree(ON('a') + OFF('b')),
      tree(ON('a') + ON('b')),
      ['critical', [`identity.aws.wildcard-resource create ${POLICY('b')}`]],
    ],
    [
      'an entry added with the policy off creates no policy',
      tree(ON('a')),
      tree(ON('a') + OFF('c')),
      ['low', ['default create .: module.grant["c"].var.create_policy', 'default update ']],
    ],
    [
      'an entry removed destroys its instance',
      tree(ON('a') + ON('b')),
      tree(ON('a')),
      ['high', [`identity.aws.iam-policy-document delete ${POLICY('b')}`]],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(rated(base, head)).toEqual(expected);
  });

  it("a map left as a filtering for (its condition not known): not picked key by key, its elements any of the map's; an entry elsewhere changes nothing", () => {
    const filtered = (note: string): Files => ({
      ...tree(`${ON('a')}  b = { create_policy = false, note = "${note}" }\n`),
      'main.tf': tree('')
        ['main.tf']!.replace(
          'for_each      = var.groups',
          'for_each      = { for k, v in var.groups : k => v if var.mode == "all" }',
        )
        .replace('variable "groups" {', 'variable "mode" {}\n\nvariable "groups" {')
        .replace('create_policy = optional(bool) }', 'create_policy = optional(bool), note = optional(string) }'),
    });
    expect(rated(filtered('x'), filtered('y'))[0]).toBe('low');
  });

  it('still caught when the map is wrapped in a for to escape key by key: the policy may be made', () => {
    const wrapped = (groups: string): Files => ({
      ...tree(groups),
      'main.tf': tree('')
        ['main.tf']!.replace(
          'for_each      = var.groups',
          'for_each      = { for k, v in var.groups : k => v if var.mode == "all" }',
        )
        .replace('variable "groups" {', 'variable "mode" {}\n\nvariable "groups" {'),
    });
    expect(rated(wrapped(ON('a') + OFF('b')), wrapped(ON('a') + ON('b')))[0]).toBe('critical');
  });

  it('still caught past 16 keys, where every instance is any entry: the policy may be made', () => {
    const many = (last: string) =>
      Array.from({ length: 17 }, (_, i) => OFF(`k${String(i).padStart(2, '0')}`)).join('') + last;
    expect(rated(tree(many(OFF('z'))), tree(many(ON('z'))))[0]).toBe('critical');
  });
});

describe("an input written in a keyed call reaches each instance's objects", () => {
  /** A root calling `./ssh` once per key, its inputs written in the call (no var file). */
  const keyedSsh = (cidr: string, name: string): Files => ({
    'main.tf': `module "ssh" {
  source   = "./ssh"
  for_each = { a = 1, b = 2 }
  cidr     = "${cidr}"
  name     = "${name}"
}
`,
    'ssh/main.tf': `variable "cidr" {}
variable "name" {}

${sshRule('var.cidr')}
resource "aws_sns_topic" "alerts" {
  name = var.name
}
`,
  });

  it.each<[string, Files, [string, string[]]]>([
    [
      'the CIDR opened to the world: every instance of the rule',
      keyedSsh('0.0.0.0/0', 'ops'),
      [
        'critical',
        [
          'network.aws.security-group-open-world update .: module.ssh["a"].aws_security_group_rule.ssh,.: module.ssh["b"].aws_security_group_rule.ssh',
        ],
      ],
    ],
    [
      'only the other input changed: the rule, which does not read it, is no change',
      keyedSsh('10.0.0.0/8', 'security'),
      [
        'low',
        [
          'default update ',
          'default update .: module.ssh["a"].aws_sns_topic.alerts,.: module.ssh["b"].aws_sns_topic.alerts',
        ],
      ],
    ],
  ])('%s', (_name, head, expected) => {
    expect(rated(keyedSsh('10.0.0.0/8', 'ops'), head)).toEqual(expected);
  });
});
