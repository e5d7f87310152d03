import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';

/*
 * A module instance whose code is unchanged is skipped when its inputs resolve alike at both
 * sides. An input made of many parts — a module call given whole (`objects = module.all`), a
 * `merge` of a local map of everything and more — is compared part by part, and only the parts a
 * change may reach (src/flow/sameInstance.ts). Each case changes one part, deep inside such an
 * input, that the helper module reads into an ingress rule: the rule must be found. The guards
 * change a part no value reads.
 */

/** The helper's SSH ingress rules, by name, and what each reads as its CIDR. */
const HELPER_READS = {
  objects: 'var.objects.cidr',
  nested: 'var.remote.all.cidr',
  office: 'var.remote.office',
  merged: 'var.remote.extra',
};

const sshRule = (name: string, cidr: string) => `resource "aws_security_group_rule" "${name}" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  security_group_id = "sg-1"
  cidr_blocks       = [${cidr}]
}
`;

const BASE: Files = {
  'main.tf': `module "all" {
  source = "./all"
}

module "extra" {
  source = "./extra"
}

locals {
  everything = { all = module.all, office = "10.2.0.0/16" }
}

module "helper" {
  source  = "./helper"
  objects = module.all
  remote  = merge(local.everything, { extra = module.extra.cidr })
}
`,
  'all/main.tf': `locals {
  cidr = "10.0.0.0/8"
}

output "cidr" {
  description = "The admin range."
  value       = local.cidr
}

output "name" {
  value = "all"
}
`,
  'extra/main.tf': `output "cidr" {
  value = "10.1.0.0/16"
}
`,
  'helper/main.tf': `variable "objects" {}
variable "remote" {}
${Object.entries(HELPER_READS)
  .map(([name, cidr]) => sshRule(name, cidr))
  .join('\n')}`,
};

const edit = (path: string, from: string, to: string): Files => ({ [path]: BASE[path]!.replace(from, to) });

/** The tier, and the addresses of the open-world findings. */
function openWorld(head: Files): [string, string[]] {
  const result = classifyTrees(BASE, { ...BASE, ...head });
  const found = result.findings
    .filter((finding) => finding.ruleId === 'network.aws.security-group-open-world')
    .map((finding) => finding.address);
  return [result.tier, found.sort()];
}

describe('an input of many parts is compared by the parts a change reaches', () => {
  it.each<[string, Files, [string, string[]]]>([
    [
      "an output of a module given whole: the helper's rules reading it, directly and through a local map",
      edit('all/main.tf', '"10.0.0.0/8"', '"0.0.0.0/0"'),
      ['critical', ['aws_security_group_rule.nested', 'aws_security_group_rule.objects']],
    ],
    [
      'an output merged into the map beside the local: the rule reading that entry',
      edit('extra/main.tf', '"10.1.0.0/16"', '"0.0.0.0/0"'),
      ['critical', ['aws_security_group_rule.merged']],
    ],
    [
      'an entry of the local map itself',
      edit('main.tf', '"10.2.0.0/16"', '"0.0.0.0/0"'),
      ['critical', ['aws_security_group_rule.office']],
    ],
    [
      "guard: an output's description, which changes no value",
      edit('all/main.tf', 'The admin range.', 'Admins.'),
      ['low', []],
    ],
    ['guard: an output no rule reads', edit('all/main.tf', '"all"', '"everything"'), ['low', []]],
  ])('%s', (_name, head, expected) => {
    expect(openWorld(head)).toEqual(expected);
  });
});
