import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

/** An inline policy whose only statement is `statement` (a jsonencode object body). */
function policy(statement: string): string {
  return `
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statement}]
  })
}
`;
}

function bucketPolicy(statement: string): string {
  return `
resource "aws_s3_bucket_policy" "b" {
  bucket = "logs"
  policy = jsonencode({ Statement = [${statement}] })
}
`;
}

function document(statement: string): string {
  return `
data "aws_iam_policy_document" "d" {
  statement {
${statement}
  }
}
`;
}

const caseCases: Case[] = [
  [
    '"IAM:*" is every IAM action',
    ...created(policy('{ Effect = "Allow", Action = "IAM:*", Resource = "arn:aws:s3:::b" }')),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    '"Sts:*" in a heredoc JSON policy is every STS action',
    ...created(`
resource "aws_iam_role_policy" "p" {
  role   = "ci"
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "Sts:*"], "Resource": "arn:aws:s3:::b"}]}
  EOT
}
`),
    [
      ['aws_iam_role_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_role_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    '"iAm:*" in a policy document statement',
    ...created(document('    actions   = ["iAm:*"]\n    resources = ["arn:aws:s3:::b"]')),
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-action', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    '"IAM:Get*" is not every IAM action, in any case',
    ...created(policy('{ Effect = "Allow", Action = "IAM:Get*", Resource = "arn:aws:s3:::b" }')),
    [['aws_iam_policy.p', 'identity.aws.iam', 'high']],
  ],
];

const notCases: Case[] = [
  [
    'NotAction in an Allow statement grants every other action',
    ...created(policy('{ Effect = "Allow", NotAction = ["iam:*"], Resource = "arn:aws:s3:::b" }')),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'NotAction without an Effect is an Allow',
    ...created(policy('{ NotAction = "iam:*", Resource = "arn:aws:s3:::b" }')),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'NotAction in a Deny statement is a guardrail',
    ...created(policy('{ Effect = "Deny", NotAction = ["iam:*"], Resource = "arn:aws:s3:::b" }')),
    [['aws_iam_policy.p', 'identity.aws.iam', 'high']],
  ],
  [
    'NotResource in an Allow statement covers every other resource',
    ...created(policy('{ Effect = "Allow", Action = "s3:GetObject", NotResource = "arn:aws:s3:::secret/*" }')),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-resource', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'NotResource in a Deny statement is a guardrail',
    ...created(policy('{ Effect = "Deny", Action = "s3:*", NotResource = "arn:aws:s3:::b/*" }')),
    [['aws_iam_policy.p', 'identity.aws.iam', 'high']],
  ],
  [
    'NotPrincipal in an Allow statement grants everyone else',
    ...created(
      bucketPolicy(
        '{ Effect = "Allow", NotPrincipal = { AWS = "arn:aws:iam::1:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }',
      ),
    ),
    [
      ['aws_s3_bucket_policy.b', 'data-exposure.aws.public-principal', 'critical'],
      ['aws_s3_bucket_policy.b', 'data-exposure.aws.resource-policy', 'high'],
    ],
  ],
  [
    'NotPrincipal in a Deny statement is a guardrail',
    ...created(
      bucketPolicy(
        '{ Effect = "Deny", NotPrincipal = { AWS = "arn:aws:iam::1:root" }, Action = "s3:*", Resource = "arn:aws:s3:::b/*" }',
      ),
    ),
    [['aws_s3_bucket_policy.b', 'data-exposure.aws.resource-policy', 'high']],
  ],
  [
    'not_actions in a policy document statement (effect defaults to Allow)',
    ...created(document('    not_actions = ["iam:*"]\n    resources   = ["arn:aws:s3:::b"]')),
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-action', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'not_actions with effect = "Deny"',
    ...created(document('    effect      = "Deny"\n    not_actions = ["iam:*"]\n    resources   = ["*"]')),
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-resource', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'not_resources with effect = "Allow"',
    ...created(
      document(
        '    effect        = "Allow"\n    actions       = ["s3:GetObject"]\n    not_resources = ["arn:aws:s3:::b"]',
      ),
    ),
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-resource', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    "not_principals in an Allow statement (the effect is the statement's, not the block's)",
    ...created(
      document(
        '    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n    not_principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::1:root"]\n    }',
      ),
    ),
    [
      ['data.aws_iam_policy_document.d', 'data-exposure.aws.public-principal', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'not_principals in a Deny statement',
    ...created(
      document(
        '    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = ["arn:aws:s3:::b/*"]\n    not_principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::1:root"]\n    }',
      ),
    ),
    [['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high']],
  ],
];

const SG_DYNAMIC = `
resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
`;

const dynamicCases: Case[] = [
  [
    'a dynamic ingress open to the world is matched like an ingress block',
    ...created(SG_DYNAMIC),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'a dynamic ingress that becomes open to the world',
    { 'main.tf': SG_DYNAMIC.replace('"0.0.0.0/0"', '"10.0.0.0/8"') },
    { 'main.tf': SG_DYNAMIC },
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'a private dynamic ingress is only the security group rule',
    ...created(SG_DYNAMIC.replace('"0.0.0.0/0"', '"10.0.0.0/8"')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'a dynamic policy document statement with actions ["*"]',
    ...created(`
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      actions   = ["*"]
      resources = [statement.value]
    }
  }
}
`),
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-action', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'a Deny dynamic statement with not_actions is a guardrail',
    ...created(`
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      effect      = "Deny"
      not_actions = ["s3:GetObject"]
      resources   = [statement.value]
    }
  }
}
`),
    [['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high']],
  ],
];

describe('action names match in any case', () => {
  runCases(caseCases);
});

describe('NotAction, NotResource and NotPrincipal in Allow statements grant nearly everything', () => {
  runCases(notCases);
});

describe('dynamic blocks are matched like the blocks they generate', () => {
  runCases(dynamicCases);
});
