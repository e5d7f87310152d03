import { describe, expect, it } from 'vitest';
import { topRules } from '../support/classifyTrees.js';
import type { Files } from './catalog/support.js';

/*
 * terraform-aws-iam's role module writes every statement argument from its input's entries,
 * `not_actions = statement.value.not_actions` and `dynamic "not_principals"` on
 * `statement.value.not_principals`. Where no entry sets them they are null and generate nothing:
 * an example adding an action to its trust statement is not "NotPrincipal in an Allow statement"
 * (everyone but a list), nor "NotAction" (everything but a list).
 */

const roleModule = `variable "trust" {
  type = map(object({
    actions        = optional(list(string))
    not_actions    = optional(list(string))
    principals     = optional(list(object({ type = string, identifiers = list(string) })))
    not_principals = optional(list(object({ type = string, identifiers = list(string) })))
  }))
  default = null
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.trust != null ? var.trust : {}
    content {
      sid         = statement.key
      actions     = statement.value.actions
      not_actions = statement.value.not_actions
      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
      dynamic "not_principals" {
        for_each = statement.value.not_principals != null ? statement.value.not_principals : []
        content {
          type        = not_principals.value.type
          identifiers = not_principals.value.identifiers
        }
      }
    }
  }
}
`;

const ACCOUNT = '[{ type = "AWS", identifiers = ["arn:aws:iam::111111111111:root"] }]';

const caller = (entry: string): Files => ({
  'main.tf': `module "role" {\n  source = "./role"\n  trust = {\n    Trust = {\n${entry}    }\n  }\n}\n`,
  'role/main.tf': roleModule,
});

describe('statement arguments that no entry sets', () => {
  it.each<[string, string, string, [string, string[]]]>([
    [
      'high, not critical: an action added to a trust statement that names one account',
      `      actions    = ["sts:AssumeRole"]\n      principals = ${ACCOUNT}\n`,
      `      actions    = ["sts:AssumeRole", "sts:TagSession"]\n      principals = ${ACCOUNT}\n`,
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: an entry that sets not_principals (everyone but that account)',
      `      actions    = ["sts:AssumeRole"]\n      principals = ${ACCOUNT}\n`,
      `      actions        = ["sts:AssumeRole"]\n      not_principals = ${ACCOUNT}\n`,
      ['critical', ['data-exposure.aws.public-principal']],
    ],
    [
      'still caught: an entry that sets not_actions (everything but a list)',
      `      actions    = ["sts:AssumeRole"]\n      principals = ${ACCOUNT}\n`,
      `      not_actions = ["iam:*"]\n      principals  = ${ACCOUNT}\n`,
      ['critical', ['identity.aws.wildcard-action']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(caller(base), caller(head))).toEqual(expected);
  });

  it('still caught: entries the configuration does not write out may set them', () => {
    const unknown = (actions: string): Files => ({
      'main.tf': `variable "trust" {}\n\nmodule "role" {\n  source = "./role"\n  trust  = var.trust\n}\n`,
      'role/main.tf': roleModule.replace('actions     = statement.value.actions', `actions     = ${actions}`),
    });
    expect(topRules(unknown('statement.value.actions'), unknown('["sts:AssumeRole"]'))[0]).toBe('critical');
  });
});
