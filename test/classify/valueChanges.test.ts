import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { type Files, tree } from './catalog/support.js';

/** `[ruleId, tier, valueChange]` per finding of an update of main.tf, highest tier first. */
function judged(base: string, head: string): [string, string, string | undefined][] {
  const classification = classifyChangeSet(
    buildChangeSet(tree({ 'main.tf': base } as Files), tree({ 'main.tf': head })),
    defaultPolicy(),
  );
  return classification.findings.map((f) => [f.ruleId, f.tier, f.valueChange]);
}

function policy(...statements: string[]): string {
  return `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [\n      ${statements.join(',\n      ')}\n    ]\n  })\n}\n`;
}

const READ_LOGS = '{ Sid = "Logs", Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::logs/*"] }';
const READ_LOGS_TOO =
  '{ Sid = "Logs", Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = ["arn:aws:s3:::logs/*"] }';
const DESCRIBE_ALL = '{ Sid = "Describe", Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }';
const DESCRIBE_AND_DELETE_ALL =
  '{ Sid = "Describe", Effect = "Allow", Action = ["ec2:Describe*", "ec2:DeleteVolume"], Resource = "*" }';
const ADMIN = '{ Sid = "Admin", Effect = "Allow", Action = "*", Resource = "*" }';

type Row = [description: string, base: string, head: string, expected: [string, string, string | undefined][]];

const policyRows: Row[] = [
  [
    'an added statement with "*" fires its rules',
    policy(READ_LOGS),
    policy(READ_LOGS, ADMIN),
    [
      ['identity.aws.wildcard-action', 'critical', 'introduced'],
      ['identity.aws.wildcard-resource', 'critical', 'introduced'],
      ['identity.aws.iam', 'high', undefined],
    ],
  ],
  [
    'another statement changed, the "*" statement untouched: the ordinary rule only',
    policy(READ_LOGS, DESCRIBE_ALL),
    policy(READ_LOGS_TOO, DESCRIBE_ALL),
    [['identity.aws.iam', 'high', undefined]],
  ],
  [
    'statements reordered and one changed: still only the ordinary rule',
    policy(DESCRIBE_ALL, READ_LOGS),
    policy(READ_LOGS_TOO, DESCRIBE_ALL),
    [['identity.aws.iam', 'high', undefined]],
  ],
  // What was added is rated by its own rules; the old "*" alone rates the widening high at most.
  [
    'actions added to a statement whose Resource is "*" widen it',
    policy(READ_LOGS, DESCRIBE_ALL),
    policy(READ_LOGS, DESCRIBE_AND_DELETE_ALL),
    [
      ['identity.aws.iam', 'high', undefined],
      ['identity.aws.wildcard-resource', 'high', 'widened'],
    ],
  ],
  [
    'a removed "*" statement is a removal, at most medium',
    policy(READ_LOGS, ADMIN),
    policy(READ_LOGS),
    [
      // the policy only narrows: rated by what it grants (grantComparison.ts)
      ['identity.aws.iam', 'medium', undefined],
      ['identity.aws.wildcard-action', 'medium', 'removed'],
      ['identity.aws.wildcard-resource', 'medium', 'removed'],
    ],
  ],
  [
    '"*" narrowed to one resource is a removal',
    policy(DESCRIBE_ALL),
    policy(DESCRIBE_ALL.replace('Resource = "*"', 'Resource = "arn:aws:ec2:::volume/v"')),
    [
      ['identity.aws.iam', 'medium', undefined],
      ['identity.aws.wildcard-resource', 'medium', 'removed'],
    ],
  ],
];

function documentWith(...statements: string[]): string {
  return `data "aws_iam_policy_document" "d" {\n${statements.map((s) => `  statement {\n${s}\n  }\n`).join('')}}\n`;
}

const documentRows: Row[] = [
  [
    'a policy document: another statement changed',
    documentWith(
      '    actions = ["s3:GetObject"]\n    resources = ["*"]',
      '    actions = ["sqs:SendMessage"]\n    resources = ["arn:q"]',
    ),
    documentWith(
      '    actions = ["s3:GetObject"]\n    resources = ["*"]',
      '    actions = ["sqs:SendMessage"]\n    resources = ["arn:q2"]',
    ),
    [['identity.aws.iam-policy-document', 'high', undefined]],
  ],
  [
    'a policy document: actions added to the statement on "*"',
    documentWith('    actions = ["s3:GetObject"]\n    resources = ["*"]'),
    documentWith('    actions = ["s3:GetObject", "s3:PutObject"]\n    resources = ["*"]'),
    [
      ['identity.aws.iam-policy-document', 'high', undefined],
      ['identity.aws.wildcard-resource', 'high', 'widened'],
    ],
  ],
];

function securityGroup(...ingress: [port: number, cidr: string][]): string {
  const blocks = ingress.map(
    ([port, cidr]) =>
      `  ingress {\n    from_port   = ${port}\n    to_port     = ${port}\n    protocol    = "tcp"\n    cidr_blocks = ["${cidr}"]\n  }\n`,
  );
  return `resource "aws_security_group" "web" {\n  name = "web"\n${blocks.join('')}}\n`;
}

const securityGroupRows: Row[] = [
  [
    'another ingress rule changed, the world rule untouched: no world finding',
    securityGroup([443, '0.0.0.0/0'], [22, '10.0.0.0/8']),
    securityGroup([443, '0.0.0.0/0'], [22, '10.1.0.0/16']),
    [['network.aws.security-group', 'high', undefined]],
  ],
  [
    'a new ingress rule open to the world',
    securityGroup([22, '10.0.0.0/8']),
    securityGroup([22, '10.0.0.0/8'], [443, '0.0.0.0/0']),
    [
      ['network.aws.security-group-open-world', 'critical', 'introduced'],
      ['network.aws.security-group', 'high', undefined],
    ],
  ],
  [
    'another port opened on the world rule widens it',
    securityGroup([443, '0.0.0.0/0']),
    securityGroup([8443, '0.0.0.0/0']),
    [
      ['network.aws.security-group-open-world', 'critical', 'widened'],
      ['network.aws.security-group', 'high', undefined],
    ],
  ],
  [
    'the world rule removed',
    securityGroup([443, '0.0.0.0/0'], [22, '10.0.0.0/8']),
    securityGroup([22, '10.0.0.0/8']),
    [
      ['network.aws.security-group', 'high', undefined],
      ['network.aws.security-group-open-world', 'medium', 'removed'],
    ],
  ],
  [
    'a standalone rule opening more ports to the world widens it (widenedBy)',
    'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 443\n  to_port = 443\n  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
    'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 0\n  to_port = 65535\n  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
    [
      ['network.aws.security-group-open-world', 'critical', 'widened'],
      ['network.aws.security-group', 'high', undefined],
    ],
  ],
  [
    'a standalone world rule whose description changed: no world finding',
    'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  cidr_blocks = ["0.0.0.0/0"]\n  description = "a"\n}\n',
    'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  cidr_blocks = ["0.0.0.0/0"]\n  description = "b"\n}\n',
    [
      // a description only describes: the default tier
      ['default', 'low', undefined],
    ],
  ],
];

function googlePolicy(...bindings: [role: string, members: string[]][]): string {
  const blocks = bindings.map(
    ([role, members]) => `  binding {\n    role    = "${role}"\n    members = ${JSON.stringify(members)}\n  }\n`,
  );
  return `data "google_iam_policy" "p" {\n${blocks.join('')}}\n`;
}

const googleRows: Row[] = [
  [
    'another binding changed, the owner binding untouched: no privileged-role finding',
    googlePolicy(['roles/owner', ['user:a@x.com']], ['roles/viewer', ['user:b@x.com']]),
    googlePolicy(['roles/owner', ['user:a@x.com']], ['roles/viewer', ['user:b@x.com', 'user:c@x.com']]),
    [['identity.google.policy-document', 'high', undefined]],
  ],
  [
    'a member added to the owner binding widens it',
    googlePolicy(['roles/owner', ['user:a@x.com']]),
    googlePolicy(['roles/owner', ['user:a@x.com', 'user:c@x.com']]),
    [
      ['identity.google.privileged-role', 'critical', 'widened'],
      ['identity.google.policy-document', 'high', undefined],
    ],
  ],
  [
    'a new owner binding',
    googlePolicy(['roles/viewer', ['user:b@x.com']]),
    googlePolicy(['roles/viewer', ['user:b@x.com']], ['roles/owner', ['user:b@x.com']]),
    [
      ['identity.google.privileged-role', 'critical', 'introduced'],
      ['identity.google.policy-document', 'high', undefined],
    ],
  ],
  [
    'the owner binding removed',
    googlePolicy(['roles/viewer', ['user:b@x.com']], ['roles/owner', ['user:a@x.com']]),
    googlePolicy(['roles/viewer', ['user:b@x.com']]),
    [
      ['identity.google.policy-document', 'high', undefined],
      ['identity.google.privileged-role', 'medium', 'removed'],
    ],
  ],
  [
    'a member resource with the owner role and a new member grants owner anew (widenedBy)',
    'resource "google_project_iam_member" "m" {\n  project = "p"\n  role    = "roles/owner"\n  member  = "user:a@x.com"\n}\n',
    'resource "google_project_iam_member" "m" {\n  project = "p"\n  role    = "roles/owner"\n  member  = "user:c@x.com"\n}\n',
    [
      ['identity.google.privileged-role', 'critical', 'widened'],
      ['identity.google.iam', 'high', undefined],
    ],
  ],
];

describe('value rules on updates fire on what the change introduces', () => {
  describe.each([
    ['JSON policy statements', policyRows],
    ['policy document statement blocks', documentRows],
    ['security group ingress blocks', securityGroupRows],
    ['Google bindings', googleRows],
  ] as const)('%s', (_name, rows) => {
    it.each(rows)('%s', (_description, base, head, expected) => {
      expect(judged(base, head)).toEqual(expected);
    });
  });
});

describe('findings say what the change does to the match', () => {
  it('a widening and a removal say so in the rationale', () => {
    const widened = classifyChangeSet(
      buildChangeSet(tree({ 'main.tf': policy(DESCRIBE_ALL) }), tree({ 'main.tf': policy(DESCRIBE_AND_DELETE_ALL) })),
      defaultPolicy(),
    );
    expect(widened.findings.find((f) => f.valueChange === 'widened')!.rationale).toMatch(/^Widens an existing match/);
    const removed = classifyChangeSet(
      buildChangeSet(tree({ 'main.tf': policy(ADMIN) }), tree({ 'main.tf': policy(READ_LOGS) })),
      defaultPolicy(),
    );
    expect(removed.findings.find((f) => f.valueChange === 'removed')!.rationale).toMatch(/^Removes a match/);
  });

  it('creates and deletes count every match, as before', () => {
    const created = classifyChangeSet(
      buildChangeSet(tree({}), tree({ 'main.tf': policy(READ_LOGS, ADMIN) })),
      defaultPolicy(),
    );
    expect(created.findings.map((f) => [f.ruleId, f.tier, f.valueChange])).toEqual([
      ['identity.aws.wildcard-action', 'critical', undefined],
      ['identity.aws.wildcard-resource', 'critical', undefined],
      ['identity.aws.iam', 'high', undefined],
    ]);
    const deleted = classifyChangeSet(buildChangeSet(tree({ 'main.tf': policy(ADMIN) }), tree({})), defaultPolicy());
    expect(deleted.tier).toBe('critical');
  });
});
