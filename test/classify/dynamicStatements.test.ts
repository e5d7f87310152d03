import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { type Files, tree } from './catalog/support.js';

/*
 * A policy document whose statements come from `dynamic "statement"` blocks (a module's
 * `policy_statements` input, as terraform-aws-iam and terraform-aws-eks write them) is compared
 * on the statements its `for_each` generates when that value is known from the configuration:
 * narrowing is medium, the same grants low, a widening keeps the rules' tier. Whatever is not
 * known (the for_each, a value the content reads, a missing attribute without a type) is not
 * read, and the rules' tier stands.
 */

function tierOf(base: Files, head: Files): string {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy()).tier;
}

/** The statement type of the modules' inputs; `effect` defaults to `effectDefault`. */
const statementType = (effectDefault = '"Allow"') => `map(object({
    sid           = optional(string)
    actions       = optional(list(string))
    not_actions   = optional(list(string))
    effect        = optional(string, ${effectDefault})
    resources     = optional(list(string))
    principals    = optional(list(object({ type = string, identifiers = list(string) })))
    condition     = optional(list(object({ test = string, variable = string, values = list(string) })))
  }))`;

/** The module: one document built from the statements it is given, as in terraform-aws-iam's iam-role. */
const moduleFiles = (type = statementType()): Files => ({
  'modules/role/variables.tf': `variable "statements" {\n  type    = ${type}\n  default = null\n}\n`,
  'modules/role/main.tf': `data "aws_iam_policy_document" "this" {
  source_policy_documents = []

  dynamic "statement" {
    for_each = var.statements != null ? var.statements : {}

    content {
      sid         = try(coalesce(statement.value.sid, statement.key))
      actions     = statement.value.actions
      not_actions = statement.value.not_actions
      effect      = statement.value.effect
      resources   = statement.value.resources

      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }

      dynamic "condition" {
        for_each = statement.value.condition != null ? statement.value.condition : []
        iterator = c
        content {
          test     = c.value.test
          variable = c.value.variable
          values   = c.value.values
        }
      }
    }
  }
}
`,
});

/** A root that passes `var.statements` (set in terraform.tfvars) to the module. */
const rooted = (statements: string, type?: string): Files => ({
  ...moduleFiles(type),
  'main.tf': `variable "statements" {\n  type = any\n}\n\nmodule "role" {\n  source     = "./modules/role"\n  statements = var.statements\n}\n`,
  'terraform.tfvars': `statements = ${statements}\n`,
});

const READ = `{
  Read = {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]
    condition = [{ test = "StringEquals", variable = "aws:PrincipalOrgID", values = ["o-123"] }]
  }
  Assume = {
    actions    = ["sts:AssumeRole"]
    principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"] }]
  }
}`;

describe('dynamic statements with a known for_each are compared by what they generate', () => {
  it.each<[string, string, string]>([
    ['nothing but a key renamed (the Sid comes from the key)', READ.replace('Read =', 'ReadData ='), 'low'],
    ['an action removed in the tfvars', READ.replace(', "s3:ListBucket"', ''), 'medium'],
    ['a principal removed', READ.replace(', "arn:aws:iam::222222222222:root"', ''), 'medium'],
    ['a statement removed', READ.replace(/ {2}Assume = \{[^}]*\}\]\n {2}\}\n/, ''), 'medium'],
    [
      'a condition added',
      READ.replace(
        'actions    = ["sts:AssumeRole"]',
        'actions    = ["sts:AssumeRole"]\n    condition  = [{ test = "Bool", variable = "aws:MultiFactorAuthPresent", values = ["true"] }]',
      ),
      'medium',
    ],
    // widenings: the rules' tier stands (high). The rules read what the content generates for each
    // entry, so `not_actions = statement.value.not_actions`, null in every entry, is no NotAction.
    ['an action added in the tfvars', READ.replace('"s3:ListBucket"]', '"s3:ListBucket", "s3:PutObject"]'), 'high'],
    [
      'a resource added',
      READ.replace('"arn:aws:s3:::data/*"]', '"arn:aws:s3:::data/*", "arn:aws:s3:::logs/*"]'),
      'high',
    ],
    [
      'a principal added',
      READ.replace(
        '"arn:aws:iam::222222222222:root"]',
        '"arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]',
      ),
      'high',
    ],
    ['the principals left out', READ.replace(/ {4}principals = .*\n/, ''), 'high'],
    [
      'a statement added',
      READ.replace(
        'Assume = {',
        'Write = {\n    actions   = ["s3:PutObject"]\n    resources = ["arn:aws:s3:::data/*"]\n  }\n  Assume = {',
      ),
      'high',
    ],
    [
      'a condition removed',
      READ.replace(
        '    condition = [{ test = "StringEquals", variable = "aws:PrincipalOrgID", values = ["o-123"] }]\n',
        '',
      ),
      'high',
    ],
    ['a condition value changed', READ.replace('"o-123"', '"o-456"'), 'high'],
    [
      'an action moved to NotAction',
      READ.replace('actions   = ["s3:GetObject", "s3:ListBucket"]', 'not_actions = ["s3:GetObject"]'),
      'critical',
    ],
    ['every action', READ.replace('"s3:GetObject", "s3:ListBucket"', '"s3:*", "*"'), 'critical'],
    ['the principal "*"', READ.replace('"arn:aws:iam::111111111111:root"', '"*"'), 'critical'],
  ])('%s', (_name, head, tier) => {
    expect(tierOf(rooted(READ), rooted(head))).toBe(tier);
  });
});

const DENY = `{
  Read = {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
  }
  KeepLogs = {
    actions   = ["s3:DeleteObject"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}`;

describe('the input type decides what a statement leaves out', () => {
  it.each<[string, Files, Files, string]>([
    [
      'a statement whose effect defaults to "Deny" is removed: a widening',
      rooted(DENY, statementType('"Deny"')),
      rooted(DENY.replace(/ {2}KeepLogs = \{[^}]*\}\n/, ''), statementType('"Deny"')),
      'high',
    ],
    [
      'an explicit null effect is the type default too',
      rooted(
        DENY.replace('actions   = ["s3:DeleteObject"]', 'actions   = ["s3:DeleteObject"]\n    effect    = null'),
        statementType('"Deny"'),
      ),
      rooted(DENY.replace(/ {2}KeepLogs = \{[^}]*\}\n/, ''), statementType('"Deny"')),
      'high',
    ],
    [
      'the same with the default "Allow": a narrowing',
      rooted(DENY),
      rooted(DENY.replace(/ {2}KeepLogs = \{[^}]*\}\n/, '')),
      'medium',
    ],
    [
      'a type without optional attributes: missing attributes are not read',
      rooted(DENY, 'any'),
      rooted(DENY.replace(/ {2}KeepLogs = \{[^}]*\}\n/, ''), 'any'),
      'critical',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(base, head)).toBe(tier);
  });
});

/** A document with one dynamic statement over `forEach` whose content is `content`. */
const single = (forEach: string, content: string, extra = ''): Files => ({
  'main.tf': `${extra}data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
  }

  dynamic "statement" {
    for_each = ${forEach}
    content {
${content}
    }
  }
}
`,
});
const withTfvars = (files: Files, tfvars: string): Files => ({ ...files, 'terraform.tfvars': tfvars });
/** The same document merging a source document: removing a statement may let one of its statements through. */
const merging = (files: Files): Files => ({
  'main.tf': files['main.tf']!.replace('"this" {\n', '"this" {\n  source_policy_documents = ["{}"]\n'),
});
const MAX_AGE = (age: string) =>
  `      condition {\n        test     = "NumericLessThan"\n        variable = "aws:MultiFactorAuthAge"\n        values   = [${age}]\n      }`;
const ACTIONS = '      actions   = statement.value\n      resources = ["arn:aws:s3:::data/*"]';

describe('what a dynamic statement cannot be known to generate keeps its tier', () => {
  it.each<[string, Files, Files, string]>([
    [
      'a for_each known only at apply time',
      single('aws_s3_bucket.x.tags', ACTIONS),
      single('aws_s3_bucket.x.tags', '      actions   = statement.value\n      resources = ["arn:aws:s3:::data"]'),
      'high',
    ],
    [
      'content that reads a value known only at apply time, another at each side',
      single(
        '[["s3:GetObject", "s3:ListBucket"]]',
        ACTIONS.replace('["arn:aws:s3:::data/*"]', '[aws_s3_bucket.x.arn]'),
      ),
      single('[["s3:GetObject"]]', ACTIONS.replace('["arn:aws:s3:::data/*"]', '[aws_s3_bucket.y.arn]')),
      'high',
    ],
    [
      // The same reference at both sides is the same value (classify/policyValues.ts): a narrowing.
      'known: content that reads the same reference at both sides',
      single(
        '[["s3:GetObject", "s3:ListBucket"]]',
        ACTIONS.replace('["arn:aws:s3:::data/*"]', '[aws_s3_bucket.x.arn]'),
      ),
      single('[["s3:GetObject"]]', ACTIONS.replace('["arn:aws:s3:::data/*"]', '[aws_s3_bucket.x.arn]')),
      'medium',
    ],
    [
      'the key of a list (an index, or the value of a set)',
      single('[["s3:GetObject", "s3:ListBucket"]]', `${ACTIONS}\n      sid       = statement.key`),
      single('[["s3:GetObject"]]', `${ACTIONS}\n      sid       = statement.key`),
      'high',
    ],
    ['a for_each of null', single('[["s3:GetObject", "s3:ListBucket"]]', ACTIONS), single('null', ACTIONS), 'high'],
    [
      'known values: a list for_each narrowed',
      single('[["s3:GetObject", "s3:ListBucket"]]', ACTIONS),
      single('[["s3:GetObject"]]', ACTIONS),
      'medium',
    ],
    [
      'known values: a conditional for_each turned off in terraform.tfvars',
      withTfvars(single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {}\n\n'), 'on = true\n'),
      withTfvars(single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {}\n\n'), 'on = false\n'),
      'medium',
    ],
    [
      'known values: a conditional for_each turned on in terraform.tfvars',
      withTfvars(single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {}\n\n'), 'on = false\n'),
      withTfvars(single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {}\n\n'), 'on = true\n'),
      'high',
    ],
    [
      "a root variable's default turning a conditional for_each off: the deployment may still set it on (not proven narrower)",
      single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {\n  default = true\n}\n\n'),
      single('var.on ? [["s3:PutObject"]] : []', ACTIONS, 'variable "on" {\n  default = false\n}\n\n'),
      'high',
    ],
    [
      'a number among condition values is its text (kept, another action removed)',
      single('[["s3:PutObject", "s3:ListBucket"]]', `${ACTIONS}\n${MAX_AGE('86400')}`),
      single('[["s3:PutObject"]]', `${ACTIONS}\n${MAX_AGE('"86400"')}`),
      'medium',
    ],
    [
      'a number among condition values changed',
      single('[["s3:PutObject"]]', `${ACTIONS}\n${MAX_AGE('86400')}`),
      single('[["s3:PutObject"]]', `${ACTIONS}\n${MAX_AGE('864000')}`),
      'high',
    ],
    [
      'a for expression in the content',
      single(
        '[["GetObject", "ListBucket"]]',
        ACTIONS.replace('statement.value', '[for a in statement.value : "s3:${a}"]'),
      ),
      single(
        '[["GetObject", "PutObject"]]',
        ACTIONS.replace('statement.value', '[for a in statement.value : "s3:${a}"]'),
      ),
      'high',
    ],
    [
      'a merged source document that is not empty',
      merging(single('[["s3:GetObject", "s3:ListBucket"]]', ACTIONS)),
      merging(single('[["s3:GetObject"]]', ACTIONS)),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(base, head)).toBe(tier);
  });
});

/** A document whose one dynamic statement takes its actions from `actions`, over the list `forEach`. */
const edited = (forEach: string, actions: string): Files => ({
  'main.tf': `data "aws_partition" "current" {}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = ${forEach}
    content {
      actions   = ${actions}
      resources = ["arn:aws:s3:::data/*"]
    }
  }
}
`,
});
// A value known only at apply time (the partition would be read as "aws": flow/providerConstants.ts).
const ACCOUNT = '"${data.aws_caller_identity.current.account_id}:s3:GetObject"';

describe('text functions are read on plain text only', () => {
  it.each<[string, [string, string], [string, string], string]>([
    [
      'replace of a substring',
      ['[["s3_GetObject", "s3_ListBucket"]]', '[for a in statement.value : replace(a, "_", ":")]'],
      ['[["s3_GetObject"]]', '[for a in statement.value : replace(a, "_", ":")]'],
      'medium',
    ],
    [
      'trimprefix and flatten',
      ['[["x-s3:GetObject", "x-s3:ListBucket"]]', '[for a in flatten([statement.value]) : trimprefix(a, "x-")]'],
      ['[["x-s3:GetObject"]]', '[for a in flatten([statement.value]) : trimprefix(a, "x-")]'],
      'medium',
    ],
    [
      'try with a fallback (taken where Terraform rejects the first argument)',
      ['[["s3:PutObject"]]', 'try(true ? ["s3:*"] : "s3:GetObject", ["s3:GetObject"])'],
      ['[["s3:PutObject"]]', '["s3:PutObject"]'],
      'high',
    ],
    [
      'replace of a regular expression',
      ['[["s3_GetObject", "s3_ListBucket"]]', '[for a in statement.value : replace(a, "/_/", ":")]'],
      ['[["s3_GetObject"]]', '[for a in statement.value : replace(a, "/_/", ":")]'],
      'high',
    ],
    [
      'replace inside a marked reference',
      [`[[${ACCOUNT}, "s3:ListBucket"]]`, '[for a in statement.value : replace(a, "account_id", "user_id")]'],
      [`[[${ACCOUNT}]]`, '[for a in statement.value : replace(a, "account_id", "user_id")]'],
      'high',
    ],
  ])('%s', (_name, [baseForEach, baseActions], [headForEach, headActions], tier) => {
    expect(tierOf(edited(baseForEach, baseActions), edited(headForEach, headActions))).toBe(tier);
  });
});

describe('a value that is the same in every entry a key may pick is known', () => {
  const files = (resources: [string, string], extraAction: string): Files => ({
    'main.tf': `module "role" {
  source   = "./role"
  for_each = { a = { resources = ${resources[0]} }, b = { resources = ${resources[1]} } }
  resources = each.value.resources
}
`,
    'role/main.tf': `variable "resources" {}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"${extraAction}]
    resources = var.resources
  }
}
`,
  });
  /** The same entries under keys known only at apply time: every instance is any entry. */
  const unkeyed = (tree: Files): Files => ({
    ...tree,
    'main.tf': `variable "extra" {}\n\n${tree['main.tf']!.replace('for_each = {', 'for_each = merge(var.extra, {').replace(' } }\n  resources', ' } })\n  resources')}`,
  });
  const SAME: [string, string] = ['["arn:aws:s3:::data/*"]', '["arn:aws:s3:::data/*"]'];
  const DIFFERENT: [string, string] = ['["arn:aws:s3:::data/*"]', '["arn:aws:s3:::logs/*"]'];
  it.each<[string, Files, Files, string]>([
    [
      'an action removed, the resources the same in every entry',
      files(SAME, ', "s3:PutObject"'),
      files(SAME, ''),
      'medium',
    ],
    [
      // The call's keys are known: each instance reads its own entry (module calls key by key).
      'an action removed where the entries differ, each instance its own entry',
      files(DIFFERENT, ', "s3:PutObject"'),
      files(DIFFERENT, ''),
      'medium',
    ],
    [
      'an action removed where the entries differ and the keys are not known: not known which (fails closed)',
      unkeyed(files(DIFFERENT, ', "s3:PutObject"')),
      unkeyed(files(DIFFERENT, '')),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(base, head)).toBe(tier);
  });
});
