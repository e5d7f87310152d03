import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees, topRules } from '../support/classifyTrees.js';

/*
 * terraform-aws-modules replaced literals by what AWS data sources give: `arn:aws:` by the
 * partition, `ec2.amazonaws.com` by a service principal data source, `aws_region.name` by
 * `.region` (provider v6). The grants are the same; a change written beside them is still seen.
 */

const document = (resource: string, service: string, extra = '') => `data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_service_principal" "ec2" {
  service_name = ${extra || '"ec2"'}
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["${resource}"]
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [${service}]
    }
  }
}
`;

const files = (main: string): Files => ({ 'main.tf': main });
const LITERAL_ARN = 'arn:aws:logs:eu-west-1:123456789012:log-group:app:*';
const PARTITION_ARN = 'arn:${data.aws_partition.current.partition}:logs:eu-west-1:123456789012:log-group:app:*';
const REGION_NAME = 'arn:aws:logs:${data.aws_region.current.name}:123456789012:log-group:app:*';
const REGION_REGION = 'arn:aws:logs:${data.aws_region.current.region}:123456789012:log-group:app:*';
const LITERAL_SERVICE = '"ec2.amazonaws.com"';
const SERVICE_DATA = 'data.aws_service_principal.ec2.name';

describe('values AWS data sources give, written where literals were', () => {
  it.each<[string, string, string, [string, string[]]]>([
    [
      'quiet: arn:aws: written with data.aws_partition',
      document(LITERAL_ARN, LITERAL_SERVICE),
      document(PARTITION_ARN, LITERAL_SERVICE),
      ['none', []],
    ],
    [
      'quiet: the same where the ARN also holds a value known only at apply time',
      document(LITERAL_ARN.replace('123456789012', '${data.aws_caller_identity.current.account_id}'), LITERAL_SERVICE),
      document(
        PARTITION_ARN.replace('123456789012', '${data.aws_caller_identity.current.account_id}'),
        LITERAL_SERVICE,
      ),
      ['none', []],
    ],
    [
      'quiet: ec2.amazonaws.com written with data.aws_service_principal',
      document(LITERAL_ARN, LITERAL_SERVICE),
      document(LITERAL_ARN, SERVICE_DATA),
      ['none', []],
    ],
    [
      "quiet: aws_region's name read as region (AWS provider v6)",
      document(REGION_NAME, LITERAL_SERVICE),
      document(REGION_REGION, LITERAL_SERVICE),
      ['none', []],
    ],
    [
      'still caught: the partition written in, and the log group widened to every one',
      document(LITERAL_ARN, LITERAL_SERVICE),
      document('arn:${data.aws_partition.current.partition}:logs:*', LITERAL_SERVICE),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: the service principal of another service',
      document(LITERAL_ARN, LITERAL_SERVICE),
      document(LITERAL_ARN, SERVICE_DATA, '"lambda"'),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      "caught: the service principal data source's own argument changed, the document that reads it unchanged",
      document(LITERAL_ARN, SERVICE_DATA, '"ec2"'),
      document(LITERAL_ARN, SERVICE_DATA, '"lambda"'),
      ['high', ['identity.aws.iam-policy-document']],
    ],
    [
      'still caught: a service name the code does not write out',
      document(LITERAL_ARN, LITERAL_SERVICE),
      `variable "service" {}\n${document(LITERAL_ARN, SERVICE_DATA, 'var.service')}`,
      ['high', ['identity.aws.iam-policy-document']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(files(base), files(head))).toEqual(expected);
  });
});

describe("a Google service account's member, as the provider defines it", () => {
  const binding = (member: string) => ({
    'main.tf': `resource "google_service_account" "cluster" {
  account_id = "cluster"
}

resource "google_project_iam_member" "logging" {
  project = "p"
  role    = "roles/logging.logWriter"
  member  = ${member}
}
`,
  });
  it.each<[string, string, string, [string, string[]]]>([
    [
      'quiet: "serviceAccount:${…email}" written as .member',
      '"serviceAccount:${google_service_account.cluster.email}"',
      'google_service_account.cluster.member',
      ['none', []],
    ],
    [
      'still caught: the binding given to everyone',
      '"serviceAccount:${google_service_account.cluster.email}"',
      '"allUsers"',
      ['critical', ['data-exposure.google.public-member']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(binding(base), binding(head))).toEqual(expected);
  });
});

/** A `data "aws_iam_policy" "p"` lookup (`lookup` its arguments) and the resource that uses it. */
const withLookup = (lookup: string, user: string) => ({
  'main.tf': `data "aws_iam_policy" "p" {\n  ${lookup}\n}\n\n${user}`,
});

describe('a managed policy looked up by data "aws_iam_policy" is the policy it names', () => {
  const attachment = (lookup: string) =>
    withLookup(
      lookup,
      'resource "aws_iam_role_policy_attachment" "ci" {\n  role       = "ci"\n  policy_arn = data.aws_iam_policy.p.arn\n}\n',
    );
  it.each<[string, string, string, [string, string[]]]>([
    [
      'caught: the lookup turned from ReadOnlyAccess to AdministratorAccess by name',
      'name = "ReadOnlyAccess"',
      'name = "AdministratorAccess"',
      ['critical', ['identity.aws.admin-managed-policy']],
    ],
    [
      'caught: the same by ARN',
      'arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
      'arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
      ['critical', ['identity.aws.admin-managed-policy']],
    ],
    [
      'caught: a path prefix is part of the name found',
      'name = "ReadOnlyAccess"',
      'name = "AdministratorAccess-Amplify"\n  path_prefix = "/"',
      ['critical', ['identity.aws.admin-managed-policy']],
    ],
    [
      'quiet: the lookup by name written as the ARN it finds',
      'name = "ReadOnlyAccess"',
      'arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
      ['medium', ['identity.aws.lookup']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(attachment(base), attachment(head))).toEqual(expected);
  });
});

describe("AdministratorAccess's document, read from the lookup, is the admin policy wherever it is used", () => {
  const inline = (lookup: string) =>
    withLookup(
      lookup,
      'resource "aws_iam_role_policy" "ci" {\n  role   = "ci"\n  policy = data.aws_iam_policy.p.policy\n}\n',
    );
  it.each<[string, string, string, string]>([
    [
      'caught: its text used as an inline policy, by ARN (before: high)',
      'arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
      'arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
      'critical',
    ],
    ['caught: the same looked up by name', 'name = "ReadOnlyAccess"', 'name = "AdministratorAccess"', 'critical'],
    [
      'another managed policy, whose document is not known here: the role policy changes, high',
      'name = "ReadOnlyAccess"',
      'name = "PowerUserAccess"',
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    const result = classifyTrees(inline(base), inline(head));
    expect(result.tier).toBe(tier);
    expect(result.findings.some((f) => f.ruleId === 'identity.aws.wildcard-action')).toBe(tier === 'critical');
  });
});

describe('the name a lookup asks for may come from a variable, a tfvars entry or a local', () => {
  const code = `variable "policy_name" {}

data "aws_iam_policy" "p" {
  name = var.policy_name
}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.p.arn
}
`;
  const tree = (name: string) => ({ 'main.tf': code, 'terraform.tfvars': `policy_name = "${name}"\n` });

  it('caught: AdministratorAccess set in terraform.tfvars (before: high)', () => {
    const result = classifyTrees(tree('ReadOnlyAccess'), tree('AdministratorAccess'));
    const admin = result.findings.find((f) => f.ruleId === 'identity.aws.admin-managed-policy');
    expect([result.tier, admin?.via]).toEqual([
      'critical',
      [
        'terraform.tfvars:1 policy_name → var.policy_name → data.aws_iam_policy.p → aws_iam_role_policy_attachment.ci policy_arn',
      ],
    ]);
  });

  it('quiet: the tfvars entry rewritten with the same name', () => {
    expect(
      topRules(tree('ReadOnlyAccess'), {
        ...tree('ReadOnlyAccess'),
        'terraform.tfvars': 'policy_name = "ReadOnlyAccess" # ro\n',
      }),
    ).toEqual(['none', []]);
  });
});
