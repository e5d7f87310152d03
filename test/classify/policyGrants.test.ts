import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { tree } from './catalog/support.js';

/*
 * An update of an AWS policy document is rated by what it grants: one that only narrows access
 * is medium, one that grants the same low, anything else (a widening, or what cannot be read)
 * keeps the rules' tiers. Statements are compared by content, not by Sid or position.
 */

function tierOf(base: string, head: string): [string, string] {
  const result = classifyChangeSet(
    buildChangeSet(tree({ 'main.tf': base }), tree({ 'main.tf': head })),
    defaultPolicy(),
  );
  const top = result.findings.find((finding) => finding.tier === result.tier);
  return [result.tier, top?.rationale.split('.')[0] ?? ''];
}

const READ = `  statement {
    sid       = "ReadWrite"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::data/*", "arn:aws:s3:::logs/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-123"]
    }
  }
`;
const LIST = `  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::data"]
  }
`;
const DENY = `  statement {
    sid       = "KeepLogs"
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:PutLifecycleConfiguration"]
    resources = ["arn:aws:s3:::logs/*"]
  }
`;
const doc = (...statements: string[]) => `data "aws_iam_policy_document" "app" {\n${statements.join('')}}\n`;
const BASE = doc(READ, LIST, DENY);
const DOCUMENT =
  'Builds an IAM policy document: its statements become permissions or trust wherever the document is used';
const SAME =
  'Grants the same: the policy allows and denies what it did before (only labels, order or formatting change)';

describe('an aws_iam_policy_document update is rated by what it grants', () => {
  it.each<[string, string, [string, string]]>([
    // narrowing: medium, saying how
    [
      'removes an action',
      doc(READ.replace(', "s3:PutObject"', ''), LIST, DENY),
      ['medium', 'Narrows access: removes s3:PutObject from statement "ReadWrite"'],
    ],
    [
      'removes a resource',
      doc(READ.replace(', "arn:aws:s3:::logs/*"', ''), LIST, DENY),
      ['medium', 'Narrows access: removes arn:aws:s3:::logs/* from statement "ReadWrite"'],
    ],
    ['removes a statement', doc(READ, DENY), ['medium', 'Narrows access: removes statement #2']],
    [
      'adds a condition',
      doc(
        READ,
        LIST.replace(
          '  }\n',
          '    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["true"]\n    }\n  }\n',
        ),
        DENY,
      ),
      ['medium', 'Narrows access: adds condition Bool aws:SecureTransport to statement #2'],
    ],
    [
      'adds a Deny statement',
      doc(READ, LIST, DENY, DENY.replace('KeepLogs', 'NoPut').replace('s3:DeleteObject', 's3:PutObject')),
      ['medium', 'Narrows access: adds or widens Deny statement "NoPut"'],
    ],
    [
      'widens a Deny statement',
      doc(READ, LIST, DENY.replace('"s3:DeleteObject"', '"s3:Delete*"')),
      ['medium', 'Narrows access: adds or widens Deny statement "KeepLogs"'],
    ],
    // the same grants: low
    ['renames a Sid', doc(READ.replace('ReadWrite', 'Objects'), LIST, DENY), ['low', SAME]],
    ['reorders statements', doc(DENY, LIST, READ), ['low', SAME]],
    [
      'reorders the actions of a statement',
      doc(READ.replace('"s3:GetObject", "s3:PutObject"', '"s3:PutObject", "s3:GetObject"'), LIST, DENY),
      ['low', SAME],
    ],
    // widening: keeps its tier
    [
      'adds an action',
      doc(READ.replace('"s3:PutObject"', '"s3:PutObject", "s3:DeleteObject"'), LIST, DENY),
      ['high', DOCUMENT],
    ],
    [
      'adds a resource',
      doc(READ, LIST.replace('"arn:aws:s3:::data"', '"arn:aws:s3:::data", "arn:aws:s3:::logs"'), DENY),
      ['high', DOCUMENT],
    ],
    [
      'adds an Allow statement',
      doc(READ, LIST, LIST.replace('s3:ListBucket', 'sqs:SendMessage'), DENY),
      ['high', DOCUMENT],
    ],
    ['removes a condition', doc(READ.replace(/ {4}condition \{[^}]*\}\n/, ''), LIST, DENY), ['high', DOCUMENT]],
    ['changes the values of a condition', doc(READ.replace('o-123', 'o-999'), LIST, DENY), ['high', DOCUMENT]],
    [
      'loosens a condition operator',
      doc(READ.replace('"StringEquals"', '"StringLike"').replace('o-123', 'o-*'), LIST, DENY),
      ['high', DOCUMENT],
    ],
    ['removes the Deny statement', doc(READ, LIST), ['high', DOCUMENT]],
    ['narrows the Deny statement', doc(READ, LIST, DENY.replace('"s3:DeleteObject", ', '')), ['high', DOCUMENT]],
    [
      'adds a condition to the Deny statement',
      doc(
        READ,
        LIST,
        DENY.replace(
          '  }\n',
          '    condition {\n      test     = "Bool"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ["false"]\n    }\n  }\n',
        ),
      ),
      ['high', DOCUMENT],
    ],
    [
      'turns the Deny statement into NotAction',
      doc(READ, LIST, DENY.replace('actions ', 'not_actions ')),
      ['high', DOCUMENT],
    ],
    ['changes the version', BASE.replace('"app" {\n', '"app" {\n  version = "2008-10-17"\n'), ['high', DOCUMENT]],
    // attacker paths: high or critical
    [
      'swaps Allow and Deny',
      doc(READ.replace('sid ', 'effect = "Deny"\n    sid '), LIST, DENY.replace('"Deny"', '"Allow"')),
      ['high', DOCUMENT],
    ],
    [
      'moves an action from the Deny to an Allow statement',
      doc(
        READ.replace('"s3:PutObject"', '"s3:PutObject", "s3:DeleteObject"'),
        LIST,
        DENY.replace('"s3:DeleteObject", ', ''),
      ),
      ['high', DOCUMENT],
    ],
    [
      'adds the principal "*"',
      doc(
        READ,
        LIST.replace('  }\n', '    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n'),
        DENY,
      ),
      [
        'critical',
        'A policy grants access to every principal ("*", or NotPrincipal in an Allow statement: everyone but a list): unless a condition narrows it, anyone on the internet can use the resource',
      ],
    ],
    [
      'changes a Resource to "*"',
      doc(READ, LIST.replace('"arn:aws:s3:::data"', '"*"'), DENY),
      [
        'critical',
        'An identity policy statement applies to every resource ("*", "arn:*", or NotResource: everything but a list): check that the actions it allows are safe on all of them',
      ],
    ],
    [
      'turns Action into NotAction',
      doc(READ, LIST.replace('actions ', 'not_actions '), DENY),
      [
        'critical',
        'A policy statement allows every action ("*", "*:*", all of IAM/STS, which amounts to the same, or NotAction: everything but a list): whoever holds it can do anything',
      ],
    ],
    [
      'turns Resource into NotResource',
      doc(READ, LIST.replace('resources ', 'not_resources '), DENY),
      [
        'critical',
        'An identity policy statement applies to every resource ("*", "arn:*", or NotResource: everything but a list): check that the actions it allows are safe on all of them',
      ],
    ],
    [
      'reorders statements while adding an action',
      doc(DENY, LIST, READ.replace('"s3:PutObject"', '"s3:PutObject", "s3:PutObjectAcl"')),
      ['high', DOCUMENT],
    ],
    [
      'removes a statement while widening another',
      doc(READ.replace('"s3:GetObject"', '"s3:*"'), DENY),
      ['high', DOCUMENT],
    ],
    [
      'renames a Sid and adds an action to the renamed statement',
      doc(
        READ.replace('ReadWrite', 'Objects').replace('"s3:PutObject"', '"s3:PutObject", "s3:PutObjectAcl"'),
        LIST,
        DENY,
      ),
      ['high', DOCUMENT],
    ],
  ])('%s', (_name, head, expected) => {
    expect(tierOf(BASE, head)).toEqual(expected);
  });
});

/** A `dynamic "statement"` over a resource's attribute (known only at apply time), granting `resource`. */
const unknownDynamic = (resource: string, actions = '["s3:GetObject"]') =>
  `  dynamic "statement" {\n    for_each = aws_s3_bucket.x.tags\n    content {\n      actions   = ${actions}\n      resources = [${resource}]\n    }\n  }\n`;
const X = '"arn:aws:s3:::x"';
const WRITTEN_X = '  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::x"]\n  }\n';

describe('a dynamic statement whose for_each is not known may be there or not', () => {
  it.each<[string, string, string, string]>([
    [
      'the same dynamic statement at both sides, another statement narrowed',
      doc(READ, LIST, unknownDynamic(X)),
      doc(READ.replace(', "s3:PutObject"', ''), LIST, unknownDynamic(X)),
      'medium',
    ],
    ['a written statement made dynamic: there or not', doc(READ, WRITTEN_X), doc(READ, unknownDynamic(X)), 'medium'],
    ['a dynamic statement written out: now always there', doc(READ, unknownDynamic(X)), doc(READ, WRITTEN_X), 'high'],
    [
      'a dynamic statement that gains an action',
      doc(READ, unknownDynamic(X)),
      doc(READ, unknownDynamic(X, '["s3:GetObject", "s3:PutObject"]')),
      'high',
    ],
    ['a dynamic statement added', doc(READ), doc(READ, unknownDynamic(X)), 'high'],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(base, head)[0]).toBe(tier);
  });
});

describe('what cannot be read in full keeps its tier (fails closed)', () => {
  const withVariable = (actions: string) =>
    `variable "extra" {\n  type = list(string)\n}\n${doc(READ.replace('["s3:GetObject", "s3:PutObject"]', actions), LIST, DENY)}`;
  it.each<[string, string, string]>([
    [
      'a reference whose value is unknown',
      withVariable('concat(["s3:GetObject", "s3:PutObject"], var.extra)'),
      withVariable('concat(["s3:GetObject"], var.extra)'),
    ],
    [
      'a dynamic statement whose for_each is not known and whose content reads its iterator',
      doc(READ, LIST, unknownDynamic('statement.value')),
      doc(READ.replace(', "s3:PutObject"', ''), LIST, unknownDynamic('statement.value')),
    ],
    [
      'a merged source document (a removed Sid can let its statement through)',
      BASE.replace('"app" {\n', '"app" {\n  source_policy_documents = ["{}"]\n'),
      doc(READ, DENY).replace('"app" {\n', '"app" {\n  source_policy_documents = ["{}"]\n'),
    ],
  ])('%s', (_name, base, head) => {
    expect(tierOf(base, head)[0]).toBe('high');
  });
});

const policy = (statement: string) => `resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statement}]
  })
}
`;
const trust = (principals: string) => `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = <<-JSON
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ${principals}}}]}
  JSON
}
`;

describe('a JSON policy attribute is rated by what it grants', () => {
  it.each<[string, string, string, string]>([
    [
      'jsonencode: an action removed',
      policy('{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::data/*" }'),
      policy('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }'),
      'medium',
    ],
    [
      'jsonencode: an action added',
      policy('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }'),
      policy('{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::data/*" }'),
      'high',
    ],
    [
      'jsonencode: a Sid added',
      policy('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }'),
      policy('{ Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }'),
      'low',
    ],
    [
      'jsonencode: an unknown statement key',
      policy('{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::data/*" }'),
      policy('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*", Extra = "x" }'),
      'high',
    ],
    ...(
      [
        ['s3:Get*', 's3:GetObject', 'medium'],
        ['S3:GETOBJECT', 's3:GetObject', 'medium'],
        ['s3:GetObject', 's3:Get*', 'high'],
        ['s3:Get*', 's3:G*', 'high'],
        ['s3:Get?bject', 's3:GetObject', 'high'],
      ] as const
    ).map(([before, after, tier]): [string, string, string, string] => [
      `action pattern ${before} → ${after}`,
      policy(`{ Effect = "Allow", Action = ["${before}", "sqs:SendMessage"], Resource = "*" }`),
      policy(`{ Effect = "Allow", Action = ["${after}"], Resource = "*" }`),
      tier,
    ]),
    [
      'trust policy: a principal removed',
      trust('["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"]'),
      trust('"arn:aws:iam::111111111111:root"'),
      'medium',
    ],
    [
      'trust policy: a principal added',
      trust('"arn:aws:iam::111111111111:root"'),
      trust('["arn:aws:iam::111111111111:root", "arn:aws:iam::333333333333:root"]'),
      'high',
    ],
    ['trust policy: the principal "*"', trust('"arn:aws:iam::111111111111:root"'), trust('"*"'), 'critical'],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(base, head)[0]).toBe(tier);
  });
});

describe('account constants and list functions are read; other references are not', () => {
  const partitionDoc = (resources: string) => `data "aws_partition" "current" {}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ${resources}
  }
}
`;
  const ARN = '"arn:${data.aws_partition.current.partition}:s3:::data/*"';
  const LOGS = '"arn:${data.aws_partition.current.partition}:s3:::logs/*"';
  it.each<[string, string, string, string]>([
    ['a partition reference kept, another resource removed', `[${ARN}, ${LOGS}]`, `[${ARN}]`, 'medium'],
    ['a partition reference added', `[${ARN}]`, `[${ARN}, ${LOGS}]`, 'high'],
    ['covered by a base "*" pattern', '["arn:*:s3:::data/*", "arn:aws:s3:::x"]', `[${ARN}]`, 'medium'],
    // The partition is read as the commercial one (flow/providerConstants.ts).
    ['a partition reference replaced by its literal', `[${ARN}, ${LOGS}]`, '["arn:aws:s3:::data/*"]', 'medium'],
    ['a partition reference replaced by another partition', `[${ARN}, ${LOGS}]`, '["arn:aws-cn:s3:::data/*"]', 'high'],
    [
      'a literal spelling the reference',
      `[${ARN}]`,
      '["arn:$${data.aws_partition.current.partition}:s3:::data/*"]',
      'high',
    ],
    [
      'an escaped mark spelling the reference',
      `[${ARN}]`,
      `["arn:\\u0000$\${data.aws_partition.current.partition}\\u0000:s3:::data/*"]`,
      'high',
    ],
    ['concat and distinct of known lists', `concat([${ARN}], [${LOGS}])`, `distinct([${ARN}, ${ARN}])`, 'medium'],
    ['another data source', `[${ARN}, ${LOGS}]`, '["arn:${data.aws_region.current.name}:s3:::data/*"]', 'high'],
  ])('%s', (_name, base, head, tier) => {
    expect(tierOf(partitionDoc(base), partitionDoc(head))[0]).toBe(tier);
  });
});

describe('a list known only at apply time is covered by "*" only', () => {
  const ANY = '["*"]';
  const GROUPS = '[for g in aws_cloudwatch_log_group.flow : "${g.arn}:*"]';
  const logs = (resources: string, actions = '["logs:PutLogEvents"]') =>
    doc(`  statement {\n    actions   = ${actions}\n    resources = ${resources}\n  }\n`);
  it.each<[string, string, string, [string, string]]>([
    [
      'resources narrowed from "*" to the log groups created',
      logs(ANY),
      logs(GROUPS),
      ['medium', 'Narrows access: removes * from statement #1 (for a list known only at apply time)'],
    ],
    [
      'resources widened from the log groups to "*"',
      logs(GROUPS),
      logs(ANY),
      [
        'critical',
        'An identity policy statement applies to every resource ("*", "arn:*", or NotResource: everything but a list): check that the actions it allows are safe on all of them',
      ],
    ],
    [
      'an action added to a statement on the log groups',
      logs(GROUPS),
      logs(GROUPS, '["logs:PutLogEvents", "logs:DeleteLogGroup"]'),
      ['high', DOCUMENT],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(tierOf(base, head)).toEqual(expected);
  });
});

describe('a widening keeps its tier and says what it adds', () => {
  const addition = (head: string) => {
    const result = classifyChangeSet(
      buildChangeSet(tree({ 'main.tf': BASE }), tree({ 'main.tf': head })),
      defaultPolicy(),
    );
    const finding = result.findings.find((f) => f.ruleId === 'identity.aws.iam-policy-document');
    return [finding?.tier, /What it adds: (.*)$/.exec(finding?.rationale ?? '')?.[1]];
  };

  it.each<[string, string, string]>([
    [
      'adds an action',
      doc(READ.replace('"s3:PutObject"', '"s3:PutObject", "s3:DeleteObject"'), LIST, DENY),
      'adds s3:DeleteObject.',
    ],
    [
      'adds a resource',
      doc(READ, LIST.replace('"arn:aws:s3:::data"', '"arn:aws:s3:::data", "arn:aws:s3:::logs"'), DENY),
      'grants wider in statement #2.',
    ],
    [
      'adds an Allow statement and removes the Deny',
      doc(READ, LIST, LIST.replace('s3:ListBucket', 'sqs:SendMessage')),
      'adds sqs:SendMessage; no longer denies as Deny statement "KeepLogs" did.',
    ],
    [
      'removes a condition',
      doc(READ.replace(/ {4}condition \{[^}]*\}\n/, ''), LIST, DENY),
      'grants wider in statement "ReadWrite".',
    ],
  ])('%s: high, "%s"', (_name, head, adds) => {
    expect(addition(head)).toEqual(['high', adds]);
  });
});
