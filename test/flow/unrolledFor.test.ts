import { describe, expect, it } from 'vitest';
import { forPasses, substituted } from '../../src/flow/unrolledFor.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';
import { topRules } from '../support/classifyTrees.js';

function expression(text: string): Expression {
  return parseHcl(`x = ${text}\n`, 'test.tf').attributes[0]!.expr;
}

function forOf(text: string): Extract<Expression, { kind: 'for' }> {
  const expr = expression(text);
  if (expr.kind !== 'for') throw new Error(`not a for: ${text}`);
  return expr;
}

/** Each pass's bindings as `name=text` pairs. */
function passes(text: string): string[][] | null {
  const expr = forOf(text);
  return (
    forPasses(expr, expr.collection)?.map(({ bindings }) =>
      [...bindings].map(([name, value]) => `${name}=${expressionText(value)}`),
    ) ?? null
  );
}

describe('forPasses: one pass per element of a collection written out', () => {
  it.each([
    ['[for s in ["a", "b"] : s]', [['s="a"'], ['s="b"']]],
    ['[for i, s in ["a"] : s]', [['s="a"', 'i=0']]],
    [
      '[for k, v in { b = 2, a = 1 } : v]',
      [
        ['v=1', 'k="a"'],
        ['v=2', 'k="b"'],
      ],
    ],
    ['[for s in toset(["a"]) : s]', [['s="a"']]],
    ['{ for s in ["a"] : s => s }', [['s="a"']]],
  ])('%s', (text, expected) => {
    expect(passes(text)).toEqual(expected);
  });

  it.each([
    ['a grouping object for', '{ for s in ["a"] : s => s... }'],
    ['a collection not written out', '[for s in var.xs : s]'],
    ['more elements than are unrolled', `[for s in [${Array.from({ length: 33 }, (_, i) => i).join(', ')}] : s]`],
  ])('none for %s', (_why, text) => {
    expect(passes(text)).toBeNull();
  });
});

describe('substituted: the body with the iterators bound', () => {
  const bindings = new Map<string, Expression>([['s', expression('"0.0.0.0"')]]);

  it.each([
    ['"${s}/0"', '"${"0.0.0.0"}/0"'],
    ['replace(s, "x", "y")', 'replace("0.0.0.0", "x", "y")'],
    ['s.cidr', '"0.0.0.0".cidr'],
    ['[for s in var.other : s]', '[for s in var.other : s]'],
    ['[for t in [s] : t]', '[for t in ["0.0.0.0"] : t]'],
    ['{ s = s }', '{ s = "0.0.0.0" }'],
  ])('%s becomes %s', (text, expected) => {
    expect(expressionText(substituted(expression(text), bindings)!)).toBe(expressionText(expression(expected)));
  });

  it('a template directive is not rewritten', () => {
    expect(substituted(expression('"%{ if s != "" }x%{ endif }"'), bindings)).toBeNull();
  });
});

describe('a list made by a for over a list written out, read as Terraform reads it', () => {
  const trust = (pick: string) => ({
    'main.tf': `locals {
  providers = [for url in ["https://token.actions.githubusercontent.com"] : replace(url, "https://", "")]
  provider  = ${pick}
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/\${local.provider}"]
    }
    condition {
      test     = "StringLike"
      variable = "\${local.provider}:sub"
      values   = ["repo:acme/*"]
    }
  }
}
`,
  });

  it('quiet: one(list) rewritten try(element(list, 0), null), where the list has one element: only the local changed', () => {
    expect(topRules(trust('one(local.providers)'), trust('try(element(local.providers, 0), null)'))).toEqual([
      'low',
      ['default'],
    ]);
  });

  it('still caught: another provider picked', () => {
    expect(
      topRules(trust('one(local.providers)'), trust('"token.actions.githubusercontent.com.evil.example"'))[0],
    ).toBe('high');
  });
});

describe('a map made by a for over a list written out, read as Terraform reads it', () => {
  const attachments = (grants: string) => ({
    'main.tf': `locals {
  grants = ${grants}
}

resource "aws_iam_user_policy_attachment" "grant" {
  for_each   = { for g in local.grants : g.user => g }
  user       = each.value.user
  policy_arn = "arn:aws:iam::aws:policy/\${each.value.policy}"
}
`,
  });
  const READER = '{ user = "alice", policy = "ReadOnlyAccess" }';

  it("caught: a user added with AdministratorAccess, the ARN made by a template of each key's entry", () => {
    expect(
      topRules(
        attachments(`[${READER}]`),
        attachments(`[${READER}, { user = "mallory", policy = "AdministratorAccess" }]`),
      ),
    ).toEqual(['critical', ['identity.aws.admin-managed-policy']]);
  });

  it('two entries that make the same key (Terraform fails the run) are not unrolled: any entry, each ARN it may make read', () => {
    expect(
      topRules(
        attachments(`[${READER}]`),
        attachments(`[${READER}, { user = "alice", policy = "AdministratorAccess" }]`),
      ),
    ).toEqual(['critical', ['identity.aws.admin-managed-policy']]);
  });

  it('more entries than are unrolled (40): any entry, and the ARN of each read all the same', () => {
    const readers = Array.from({ length: 40 }, (_, i) => `{ user = "u${i}", policy = "ReadOnlyAccess" }`).join(', ');
    expect(
      topRules(
        attachments(`[${readers}]`),
        attachments(`[${readers}, { user = "mallory", policy = "AdministratorAccess" }]`),
      ),
    ).toEqual(['critical', ['identity.aws.admin-managed-policy']]);
    expect(
      topRules(
        attachments(`[${readers}]`),
        attachments(`[${readers}, { user = "bob", policy = "ReadOnlyAccess" }]`),
      )[0],
    ).toBe('high');
  });

  it('quiet guard: another read-only user is no admin grant', () => {
    expect(
      topRules(attachments(`[${READER}]`), attachments(`[${READER}, { user = "bob", policy = "ReadOnlyAccess" }]`))[0],
    ).toBe('high');
  });
});
