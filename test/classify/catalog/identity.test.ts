import { describe } from 'vitest';
import { type Case, created, type Expected, edited, runCases } from './support.js';

const ASSUME_ROLE = `
resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
`;

/** A created policy allowing `action` on `resource`, both JSON strings. */
function grant(action: string, resource: string): string {
  return `
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${action}, Resource = ${resource} }]
  })
}
`;
}

const ACTION_SPELLINGS: Case[] = ['"*:*"', '"i*:*"', '"iam:*e*"', '"STS:*"', '["s3:GetObject", "*:*"]'].map(
  (action) => [
    `Action ${action} is every action (or all of IAM or STS): critical`,
    ...created(grant(action, '"arn:aws:s3:::b/*"')),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
);

const RESOURCE_SPELLINGS: Case[] = ['"arn:*"', '"arn:aws:*"', '"arn:*:*:*:*:*"', '"arn:aws:*:*:*:*"'].map(
  (resource) => [
    `Resource ${resource} is every resource: critical`,
    ...created(grant('"s3:GetObject"', resource)),
    [
      ['aws_iam_policy.p', 'identity.aws.wildcard-resource', 'critical'],
      ['aws_iam_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
);

const NARROW_PATTERNS: Case[] = [
  ['"iam:Get*"', '"arn:aws:s3:::b/*"'],
  ['"sts:Assume*"', '"arn:aws:s3:::b/*"'],
  ['"s3:*"', '"arn:aws:s3:::*"'],
  ['"s3:GetObject"', '"arn:aws:iam::*:role/*"'],
].map(([action, resource]) => [
  `Action ${action} on ${resource} covers neither every action nor every resource: high`,
  ...created(grant(action!, resource!)),
  [['aws_iam_policy.p', 'identity.aws.iam', 'high']],
]);

const RULESET = `
resource "github_repository_ruleset" "main" {
  name        = "main"
  repository  = "infra"
  target      = "branch"
  enforcement = "active"
  rules {
    pull_request {
      required_approving_review_count = 1
    }
  }
}
`;

function googleCustomRole(permission: string): string {
  return `
resource "google_project_iam_custom_role" "r" {
  role_id     = "r"
  title       = "r"
  permissions = ["storage.buckets.list", "${permission}"]
}
`;
}

/** EKS's aws-auth ConfigMap mapping one role to `group`. */
function awsAuth(group: string): string {
  return `
resource "kubernetes_config_map_v1_data" "aws_auth" {
  metadata {
    name      = "aws-auth"
    namespace = "kube-system"
  }
  data = {
    mapRoles = yamlencode([{ rolearn = "arn:aws:iam::111122223333:role/dev", username = "dev", groups = ["${group}"] }])
  }
  force = true
}
`;
}

function awsAuthHeredoc(group: string): string {
  return `
resource "kubernetes_config_map" "aws_auth" {
  metadata {
    name      = "aws-auth"
    namespace = "kube-system"
  }
  data = {
    mapRoles = <<-YAML
      - rolearn: arn:aws:iam::111122223333:role/dev
        username: dev
        groups:
          - ${group}
    YAML
  }
}
`;
}

/** A policy document whose one statement has `effect`, `actions` and `resources` (HCL lists). */
function policyDocument(effect: string, actions: string, resources: string): string {
  return `
data "aws_iam_policy_document" "d" {
  statement {
    effect    = "${effect}"
    actions   = ${actions}
    resources = ${resources}
  }
}
`;
}

const ESCALATIONS: Case[] = [
  [
    'a statement on "*" that gains iam:AttachRolePolicy is critical: its holder can attach AdministratorAccess to itself',
    { 'main.tf': policyDocument('Allow', '["ec2:DescribeInstances"]', '["*"]') },
    { 'main.tf': policyDocument('Allow', '["ec2:DescribeInstances", "iam:AttachRolePolicy"]', '["*"]') },
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.privilege-escalation', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-resource', 'high'],
    ],
  ],
  [
    'a statement on "*" that gains iam:Pass* is critical (the pattern covers iam:PassRole)',
    { 'main.tf': policyDocument('Allow', '["ec2:DescribeInstances"]', '["*"]') },
    { 'main.tf': policyDocument('Allow', '["ec2:DescribeInstances", "iam:Pass*"]', '["*"]') },
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.privilege-escalation', 'critical'],
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high'],
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-resource', 'high'],
    ],
  ],
  [
    'iam:PassRole on one role is not escalation on every resource: high',
    ...created(policyDocument('Allow', '["iam:PassRole"]', '["arn:aws:iam::111122223333:role/app"]')),
    [['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'high']],
  ],
  [
    'a Deny of iam:AttachRolePolicy on "*" raises nothing',
    { 'main.tf': policyDocument('Allow', '["ec2:DescribeInstances"]', '["arn:aws:ec2:::instance/i-1"]') },
    { 'main.tf': policyDocument('Deny', '["iam:AttachRolePolicy"]', '["*"]') },
    [
      ['data.aws_iam_policy_document.d', 'identity.aws.iam-policy-document', 'medium'],
      ['data.aws_iam_policy_document.d', 'identity.aws.wildcard-resource', 'medium'],
    ],
  ],
];

/** A DaemonSet with `container` settings in its container and `pod` settings in its pod spec. */
function daemonSet(container: string, pod: string): string {
  return `resource "kubernetes_daemon_set_v1" "agent" {
  metadata {
    name = "agent"
  }
  spec {
    selector {
      match_labels = { app = "agent" }
    }
    template {
      metadata {
        labels = { app = "agent" }
      }
      spec {
${pod.replace(/^ {4}/gm, '        ')}        container {
          name  = "agent"
          image = "acme/agent:1"
${container.replace(/^ {6}/gm, '          ')}        }
      }
    }
  }
}
`;
}

/** A GitHub Actions OIDC trust policy document whose subject condition is `subject`. */
function oidcTrust(subject: string): string {
  return `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["${subject}"]
    }
  }
}
`;
}

const PROVIDER_ARN = '"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"';

/** The trust with a condition on the audience claim too (as GitHub's guide writes it). */
function withAudience(trust: string): string {
  return trust
    .replace(
      '    condition {\n',
      '    condition {\n      test     = "StringEquals"\n      variable = "token.actions.githubusercontent.com:aud"\n      values   = ["sts.amazonaws.com"]\n    }\n    condition {\n',
    )
    .replace(
      'Condition = { StringLike',
      'Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }, StringLike',
    );
}

/** The trust without its condition on the subject claim: any repository's workflow. */
function withoutSubject(trust: string): string {
  return trust
    .replace(/ {4}condition \{\n {6}test {5}= "StringLike"\n[^}]*\}\n/, '')
    .replace(/, StringLike = \{[^}]*\} \}/, ' }')
    .replace(/\n {6}Condition = \{ StringLike = \{[^}]*\} \}/, '');
}

/** The same trust as an aws_iam_role's JSON assume_role_policy. */
function oidcRole(subject: string): string {
  return `resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" }
      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "${subject}" } }
    }]
  })
}
`;
}

const cases: Case[] = [
  ...ACTION_SPELLINGS,
  ...ESCALATIONS,
  ...RESOURCE_SPELLINGS,
  ...NARROW_PATTERNS,
  [
    'an IAM role with a service trust is high',
    ...created(ASSUME_ROLE),
    [['aws_iam_role.ci', 'identity.aws.iam', 'high']],
  ],
  [
    'a tag change on an IAM role is still high',
    { 'main.tf': ASSUME_ROLE },
    { 'main.tf': ASSUME_ROLE.replace('name = "ci"', 'name = "ci"\n  tags = { team = "platform" }') },
    [['aws_iam_role.ci', 'identity.aws.iam', 'high']],
  ],
  [
    'a jsonencode policy allowing "*" on "*" is critical twice',
    ...created(`
resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`),
    [
      ['aws_iam_policy.admin', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_policy.admin', 'identity.aws.wildcard-resource', 'critical'],
      ['aws_iam_policy.admin', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'a heredoc JSON policy allowing iam:* is critical',
    ...created(`
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.ci.id
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:*"], "Resource": "arn:aws:s3:::logs/*"}]}
  EOT
}
`),
    [
      ['aws_iam_role_policy.p', 'identity.aws.wildcard-action', 'critical'],
      ['aws_iam_role_policy.p', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'a scoped policy (no wildcard action or resource) is only high',
    ...created(`
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.ci.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::logs/*"] }] })
}
`),
    [['aws_iam_role_policy.p', 'identity.aws.iam', 'high']],
  ],
  [
    'an aws_iam_policy_document data source is high',
    ...created(`
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}
`),
    [['data.aws_iam_policy_document.read', 'identity.aws.iam-policy-document', 'high']],
  ],
  [
    'an aws_iam_policy_document statement with actions ["*"] and resources ["*"] is critical',
    ...created(`
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
`),
    [
      ['data.aws_iam_policy_document.admin', 'identity.aws.wildcard-action', 'critical'],
      ['data.aws_iam_policy_document.admin', 'identity.aws.wildcard-resource', 'critical'],
      ['data.aws_iam_policy_document.admin', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'an S3 wildcard action ("s3:*") is not the "*" action',
    ...created(`
data "aws_iam_policy_document" "s3" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}
`),
    [['data.aws_iam_policy_document.s3', 'identity.aws.iam-policy-document', 'high']],
  ],
  [
    'looking up an IAM role is medium',
    ...created('data "aws_iam_role" "ci" {\n  name = "ci"\n}\n'),
    [['data.aws_iam_role.ci', 'identity.aws.lookup', 'medium']],
  ],
  [
    'an IAM Identity Center account assignment is high',
    ...created('resource "aws_ssoadmin_account_assignment" "a" {\n  principal_type = "GROUP"\n}\n'),
    [['aws_ssoadmin_account_assignment.a', 'identity.aws.sso', 'high']],
  ],
  [
    'an SCP attachment is high',
    ...created('resource "aws_organizations_policy_attachment" "a" {\n  target_id = "ou-1"\n}\n'),
    [['aws_organizations_policy_attachment.a', 'identity.aws.organizations', 'high']],
  ],
  [
    'Lake Formation permissions are high',
    ...created('resource "aws_lakeformation_permissions" "p" {\n  permissions = ["SELECT"]\n}\n'),
    [['aws_lakeformation_permissions.p', 'identity.aws.lakeformation', 'high']],
  ],
  [
    'a Google project IAM member with a viewer role is high',
    ...created(`
resource "google_project_iam_member" "m" {
  project = "p"
  role    = "roles/viewer"
  member  = "group:devs@example.com"
}
`),
    [['google_project_iam_member.m', 'identity.google.iam', 'high']],
  ],
  [
    'a Google owner binding is critical',
    ...created(`
resource "google_project_iam_binding" "b" {
  project = "p"
  role    = "roles/owner"
  members = ["user:a@example.com"]
}
`),
    [
      ['google_project_iam_binding.b', 'identity.google.privileged-role', 'critical'],
      ['google_project_iam_binding.b', 'identity.google.iam', 'high'],
    ],
  ],
  [
    'a google_iam_policy data source granting editor is critical',
    ...created(`
data "google_iam_policy" "p" {
  binding {
    role    = "roles/editor"
    members = ["user:a@example.com"]
  }
}
`),
    [
      ['data.google_iam_policy.p', 'identity.google.privileged-role', 'critical'],
      ['data.google_iam_policy.p', 'identity.google.policy-document', 'high'],
    ],
  ],
  [
    'a Google service account is high',
    ...created('resource "google_service_account" "sa" {\n  account_id = "deployer"\n}\n'),
    [['google_service_account.sa', 'identity.google.service-account', 'high']],
  ],
  [
    'an org policy constraint is high',
    ...created('resource "google_org_policy_policy" "p" {\n  name = "x"\n}\n'),
    [['google_org_policy_policy.p', 'identity.google.org-policy', 'high']],
  ],
  [
    'ssh-keys in project metadata are high',
    ...created(`
resource "google_compute_project_metadata_item" "ssh" {
  key   = "ssh-keys"
  value = "alice:ssh-ed25519 AAAA alice"
}
`),
    [['google_compute_project_metadata_item.ssh', 'identity.google.ssh-keys-metadata', 'high']],
  ],
  [
    'an Azure Reader role assignment is high',
    ...created(`
resource "azurerm_role_assignment" "r" {
  scope                = "/subscriptions/x"
  role_definition_name = "Reader"
  principal_id         = "p"
}
`),
    [['azurerm_role_assignment.r', 'identity.azurerm.role', 'high']],
  ],
  [
    'an Azure Owner role assignment is critical',
    ...created(`
resource "azurerm_role_assignment" "r" {
  scope                = "/subscriptions/x"
  role_definition_name = "Owner"
  principal_id         = "p"
}
`),
    [
      ['azurerm_role_assignment.r', 'identity.azurerm.privileged-role', 'critical'],
      ['azurerm_role_assignment.r', 'identity.azurerm.role', 'high'],
    ],
  ],
  ...[
    ['role_definition_name', '"owner"'],
    [
      'role_definition_id',
      '"/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"',
    ],
    ['role_definition_id', '"/providers/Microsoft.Authorization/roleDefinitions/18D7D88D-D35E-4FB5-A5C3-7773C20A72D9"'],
  ].map(
    ([attribute, value]): Case => [
      `an Azure privileged role by ${attribute} ${value} is critical`,
      ...created(`
resource "azurerm_role_assignment" "r" {
  scope        = "/subscriptions/x"
  ${attribute} = ${value}
  principal_id = "p"
}
`),
      [
        ['azurerm_role_assignment.r', 'identity.azurerm.privileged-role', 'critical'],
        ['azurerm_role_assignment.r', 'identity.azurerm.role', 'high'],
      ],
    ],
  ),
  ...['"Microsoft.*"', '"Microsoft.Authorization/*"', '"*/write"'].map(
    (action): Case => [
      `an Azure role definition with actions ${action} is critical`,
      ...created(`
resource "azurerm_role_definition" "d" {
  scope = "/subscriptions/x"
  permissions {
    actions = [${action}]
  }
}
`),
      [
        ['azurerm_role_definition.d', 'identity.azurerm.privileged-role', 'critical'],
        ['azurerm_role_definition.d', 'identity.azurerm.role', 'high'],
      ],
    ],
  ),
  [
    'an Azure role definition that reads compute only is high',
    ...created(`
resource "azurerm_role_definition" "d" {
  scope = "/subscriptions/x"
  permissions {
    actions = ["Microsoft.Compute/*/read"]
  }
}
`),
    [['azurerm_role_definition.d', 'identity.azurerm.role', 'high']],
  ],
  [
    'an Azure Reader role by id is high',
    ...created(`
resource "azurerm_role_assignment" "r" {
  scope              = "/subscriptions/x"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id       = "p"
}
`),
    [['azurerm_role_assignment.r', 'identity.azurerm.role', 'high']],
  ],
  ...[
    ['privileged', '      security_context {\n        privileged = true\n      }\n', ''],
    [
      'given SYS_ADMIN',
      '      security_context {\n        capabilities {\n          add = ["SYS_ADMIN"]\n        }\n      }\n',
      '',
    ],
    ["in the node's network", '', '    host_network = true\n'],
    ["in the node's PID namespace", '', '    host_pid = true\n'],
  ].map(
    ([name, container, pod]): Case => [
      `a workload whose container runs ${name} is high: its image controls the node`,
      { 'main.tf': daemonSet('', '') },
      { 'main.tf': daemonSet(container!, pod!) },
      [['kubernetes_daemon_set_v1.agent', 'identity.kubernetes.privileged-workload', 'high']],
    ],
  ),
  [
    'a workload whose container is not privileged, written out, is the default tier',
    { 'main.tf': daemonSet('', '') },
    {
      'main.tf': daemonSet(
        '      security_context {\n        privileged = false\n      }\n',
        '    host_network = false\n',
      ),
    },
    [['kubernetes_daemon_set_v1.agent', 'default', 'low']],
  ],
  ...['repo:acme/*', 'repo:*', '*'].map(
    (subject): Case => [
      `a CI role trusting GitHub OIDC tokens of ${subject} (a policy document) is critical: any repository's workflow`,
      { 'main.tf': oidcTrust('repo:acme/infra:ref:refs/heads/main') },
      { 'main.tf': oidcTrust(subject) },
      [
        ['data.aws_iam_policy_document.trust', 'identity.aws.oidc-any-repository', 'critical'],
        ['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high'],
      ],
    ],
  ),
  [
    'a CI role whose trust loses its subject condition (the audience one stays) is critical: every repository on GitHub',
    { 'main.tf': withAudience(oidcTrust('repo:acme/infra:ref:refs/heads/main')) },
    { 'main.tf': withoutSubject(withAudience(oidcTrust('repo:acme/infra:ref:refs/heads/main'))) },
    [
      ['data.aws_iam_policy_document.trust', 'identity.aws.oidc-any-repository', 'critical'],
      ['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    "a CI role created trusting GitHub's provider with no condition at all is critical",
    ...created(withoutSubject(oidcTrust('repo:acme/infra:*'))),
    [
      ['data.aws_iam_policy_document.trust', 'identity.aws.oidc-any-repository', 'critical'],
      ['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'the subject condition taken out of a JSON trust whose principal is the provider resource is critical (the audience tells)',
    {
      'main.tf': withAudience(oidcRole('repo:acme/infra:*')).replace(
        PROVIDER_ARN,
        'aws_iam_openid_connect_provider.github.arn',
      ),
    },
    {
      'main.tf': withoutSubject(withAudience(oidcRole('repo:acme/infra:*'))).replace(
        PROVIDER_ARN,
        'aws_iam_openid_connect_provider.github.arn',
      ),
    },
    [
      ['aws_iam_role.ci', 'identity.aws.oidc-any-repository', 'critical'],
      ['aws_iam_role.ci', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'a JSON trust of the provider whose subject condition sits in another statement is critical',
    { 'main.tf': oidcRole('repo:acme/infra:*') },
    {
      'main.tf': withoutSubject(oidcRole('repo:acme/infra:*')).replace(
        '    }]',
        '    }, {\n      Effect = "Deny"\n      Action = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:aws:iam::111111111111:oidc-provider/example.com" }\n      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/infra:*" } }\n    }]',
      ),
    },
    [
      ['aws_iam_role.ci', 'identity.aws.oidc-any-repository', 'critical'],
      ['aws_iam_role.ci', 'identity.aws.iam', 'high'],
    ],
  ],
  ...(
    [
      ['a Null condition on the subject (the claim is there, whatever it is)', 'Null', 'false'],
      [
        'a negated condition on the subject (any repository but one)',
        'StringNotEquals',
        'repo:evil/x:ref:refs/heads/main',
      ],
    ] as const
  ).flatMap(([what, operator, value]): Case[] => [
    [
      `a JSON trust whose only subject condition is ${what} is critical`,
      { 'main.tf': oidcRole('repo:acme/infra:*') },
      { 'main.tf': oidcRole('repo:acme/infra:*').replace('StringLike', operator).replace('repo:acme/infra:*', value) },
      [
        ['aws_iam_role.ci', 'identity.aws.oidc-any-repository', 'critical'],
        ['aws_iam_role.ci', 'identity.aws.iam', 'high'],
      ],
    ],
    [
      `a policy document whose only subject condition is ${what} is critical`,
      { 'main.tf': oidcTrust('repo:acme/infra:*') },
      {
        'main.tf': oidcTrust('repo:acme/infra:*')
          .replace('"StringLike"', `"${operator}"`)
          .replace('repo:acme/infra:*', value),
      },
      [
        ['data.aws_iam_policy_document.trust', 'identity.aws.oidc-any-repository', 'critical'],
        ['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high'],
      ],
    ],
  ]),
  [
    'quiet guard: a tag added to a role that already trusted every repository is the IAM rule alone (nothing new trusted)',
    { 'main.tf': withoutSubject(oidcRole('repo:acme/infra:*')) },
    {
      'main.tf': withoutSubject(oidcRole('repo:acme/infra:*')).replace(
        'name = "ci"',
        'name = "ci"\n  tags = { team = "ci" }',
      ),
    },
    [['aws_iam_role.ci', 'identity.aws.iam', 'high']],
  ],
  [
    'quiet guard: the audience condition changed beside a subject condition is the policy document rule alone',
    { 'main.tf': withAudience(oidcTrust('repo:acme/infra:*')) },
    {
      'main.tf': withAudience(oidcTrust('repo:acme/infra:*')).replace('"sts.amazonaws.com"', '"sts.amazonaws.com.cn"'),
    },
    [['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high']],
  ],
  [
    'a CI role trusting any branch of one repository is the policy document rule alone: high',
    { 'main.tf': oidcTrust('repo:acme/infra:ref:refs/heads/main') },
    { 'main.tf': oidcTrust('repo:acme/infra:*') },
    [['data.aws_iam_policy_document.trust', 'identity.aws.iam-policy-document', 'high']],
  ],
  [
    'the same wildcard in a trust policy written as JSON is critical',
    { 'main.tf': oidcRole('repo:acme/infra:ref:refs/heads/main') },
    { 'main.tf': oidcRole('repo:acme/*') },
    [
      ['aws_iam_role.ci', 'identity.aws.oidc-any-repository', 'critical'],
      ['aws_iam_role.ci', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    "a role's exclusive set of managed policies given AdministratorAccess is critical",
    ...created(
      'resource "aws_iam_role_policy_attachments_exclusive" "ci" {\n  role_name   = "ci"\n  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n',
    ),
    [
      ['aws_iam_role_policy_attachments_exclusive.ci', 'identity.aws.admin-managed-policy', 'critical'],
      ['aws_iam_role_policy_attachments_exclusive.ci', 'identity.aws.iam', 'high'],
    ],
  ],
  [
    'an organization member made an owner (role admin) is critical: owners change branch protection',
    ...edited(
      'resource "github_membership" "eve" {\n  username = "eve"\n  role     = "member"\n}\n',
      '"member"',
      '"admin"',
    ),
    [
      ['github_membership.eve', 'identity.github.admin-access', 'critical'],
      ['github_membership.eve', 'identity.github.access', 'high'],
    ],
  ],
  [
    'quiet guard: an organization member added as a member is high',
    ...created('resource "github_membership" "eve" {\n  username = "eve"\n  role     = "member"\n}\n'),
    [['github_membership.eve', 'identity.github.access', 'high']],
  ],
  [
    "a team's access to a repository raised to admin is critical",
    ...edited(
      'resource "github_team_repository" "t" {\n  team_id    = "platform"\n  repository = "infra"\n  permission = "push"\n}\n',
      '"push"',
      '"admin"',
    ),
    [
      ['github_team_repository.t', 'identity.github.admin-access', 'critical'],
      ['github_team_repository.t', 'identity.github.access', 'high'],
    ],
  ],
  [
    'a user given admin in the authoritative collaborators of a repository is critical',
    ...created(
      'resource "github_repository_collaborators" "c" {\n  repository = "infra"\n  user {\n    username   = "eve"\n    permission = "admin"\n  }\n}\n',
    ),
    [
      ['github_repository_collaborators.c', 'identity.github.admin-access', 'critical'],
      ['github_repository_collaborators.c', 'identity.github.access', 'high'],
    ],
  ],
  [
    "a CloudFormation template's role allowed every action on everything is critical (the YAML read as its structure)",
    ...edited(
      `resource "aws_cloudformation_stack" "s" {
  name          = "s"
  capabilities  = ["CAPABILITY_IAM"]
  template_body = <<-YAML
    Resources:
      Role:
        Type: AWS::IAM::Role
        Properties:
          RoleName: !Sub "$\${AWS::StackName}-worker"
          Policies:
            - PolicyName: p
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::b/k
  YAML
}
`,
      'Action: s3:GetObject',
      'Action: "*"',
    ),
    [
      ['aws_cloudformation_stack.s', 'identity.aws.wildcard-action', 'critical'],
      ['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high'],
    ],
  ],
  [
    'the same role written in YAML flow style is critical too',
    ...edited(
      'resource "aws_cloudformation_stack" "s" {\n  name          = "s"\n  template_body = <<-YAML\n    Resources: {Role: {Type: "AWS::IAM::Role", Properties: {Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}}]}}}\n  YAML\n}\n',
      'Action: "s3:GetObject"',
      'Action: "*"',
    ),
    [
      ['aws_cloudformation_stack.s', 'identity.aws.wildcard-action', 'critical'],
      ['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high'],
    ],
  ],
  [
    'an Owner role assignment made through AzAPI is critical (the role id in the body)',
    ...created(`resource "azapi_resource" "owner" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "a"
  parent_id = "/subscriptions/0000"
  body = {
    properties = {
      roleDefinitionId = "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
      principalId      = "p"
    }
  }
}
`),
    [
      ['azapi_resource.owner', 'identity.azapi.privileged-role-by-id', 'critical'],
      ['azapi_resource.owner', 'terraform-control.azapi.security-resource', 'high'],
      ['azapi_resource.owner', 'terraform-control.azapi.generic-resource', 'medium'],
    ],
  ],
  [
    'a Contributor role assignment in an ARM template deployment is critical',
    ...created(`resource "azurerm_resource_group_template_deployment" "d" {
  name                = "d"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content = jsonencode({
    resources = [{
      type       = "Microsoft.Authorization/roleAssignments"
      apiVersion = "2022-04-01"
      name       = "a"
      properties = {
        roleDefinitionId = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]"
        principalId      = "p"
      }
    }]
  })
}
`),
    [
      ['azurerm_resource_group_template_deployment.d', 'identity.azurerm.privileged-role-by-id', 'critical'],
      ['azurerm_resource_group_template_deployment.d', 'terraform-control.azurerm.generic-resource', 'medium'],
    ],
  ],
  [
    'quiet guard: a Reader role assignment through AzAPI is the generic rule alone',
    ...created(`resource "azapi_resource" "reader" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "a"
  parent_id = "/subscriptions/0000"
  body = {
    properties = {
      roleDefinitionId = "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
      principalId      = "p"
    }
  }
}
`),
    [
      ['azapi_resource.reader', 'terraform-control.azapi.security-resource', 'high'],
      ['azapi_resource.reader', 'terraform-control.azapi.generic-resource', 'medium'],
    ],
  ],
  [
    "a startup script put in the project's metadata is high: every VM of the project runs it at boot",
    ...created(
      'resource "google_compute_project_metadata_item" "s" {\n  key   = "startup-script"\n  value = "curl https://example.com/x | sh"\n}\n',
    ),
    [['google_compute_project_metadata_item.s', 'identity.google.project-startup-script', 'high']],
  ],
  [
    "the project's startup script changed is high",
    ...edited(
      'resource "google_compute_project_metadata_item" "s" {\n  key   = "startup-script"\n  value = "echo hi"\n}\n',
      'echo hi',
      'curl https://example.com/x | sh',
    ),
    [['google_compute_project_metadata_item.s', 'identity.google.project-startup-script', 'high']],
  ],
  [
    "a startup script added to the project's metadata map is high",
    ...edited(
      'resource "google_compute_project_metadata" "m" {\n  metadata = {\n    enable-guest-attributes = "TRUE"\n  }\n}\n',
      '    enable-guest-attributes = "TRUE"\n',
      '    enable-guest-attributes = "TRUE"\n    startup-script          = "curl https://example.com/x | sh"\n',
    ),
    [['google_compute_project_metadata.m', 'identity.google.project-startup-script', 'high']],
  ],
  [
    'quiet guard: another project metadata key is the default tier',
    ...created(
      'resource "google_compute_project_metadata_item" "g" {\n  key   = "enable-guest-attributes"\n  value = "TRUE"\n}\n',
    ),
    [['google_compute_project_metadata_item.g', 'default', 'low']],
  ],
  [
    "a custom script extension's command changed is high: the VMs run the new script",
    ...edited(
      'resource "azurerm_virtual_machine_extension" "e" {\n  name                 = "e"\n  virtual_machine_id   = "vm"\n  publisher            = "Microsoft.Azure.Extensions"\n  type                 = "CustomScript"\n  type_handler_version = "2.0"\n  settings             = jsonencode({ commandToExecute = "echo hi" })\n}\n',
      'echo hi',
      'curl https://example.com/x | sh',
    ),
    [['azurerm_virtual_machine_extension.e', 'identity.azurerm.custom-script-extension', 'high']],
  ],
  [
    'quiet guard: a monitoring agent extension is the default tier',
    ...created(
      'resource "azurerm_virtual_machine_extension" "m" {\n  name                 = "m"\n  virtual_machine_id   = "vm"\n  publisher            = "Microsoft.Azure.Monitor"\n  type                 = "AzureMonitorLinuxAgent"\n  type_handler_version = "1.0"\n}\n',
    ),
    [['azurerm_virtual_machine_extension.m', 'default', 'low']],
  ],
  [
    'a run command on an Azure VM is high',
    ...created(
      'resource "azurerm_virtual_machine_run_command" "r" {\n  name               = "r"\n  location           = "westeurope"\n  virtual_machine_id = "vm"\n  source {\n    script = "whoami"\n  }\n}\n',
    ),
    [['azurerm_virtual_machine_run_command.r', 'identity.azurerm.remote-execution', 'high']],
  ],
  [
    'password login turned on for Linux VMs is medium',
    ...edited(
      'resource "azurerm_linux_virtual_machine" "v" {\n  name                            = "v"\n  disable_password_authentication = true\n}\n',
      '= true',
      '= false',
    ),
    [['azurerm_linux_virtual_machine.v', 'identity.azurerm.vm-password-login', 'medium']],
  ],
  [
    'aws-auth mapping a role to system:masters is critical (EKS cluster-admin)',
    { 'main.tf': awsAuth('viewers') },
    { 'main.tf': awsAuth('system:masters') },
    [
      ['kubernetes_config_map_v1_data.aws_auth', 'identity.kubernetes.eks-system-masters', 'critical'],
      ['kubernetes_config_map_v1_data.aws_auth', 'identity.kubernetes.aws-auth', 'high'],
    ],
  ],
  [
    'aws-auth mapping another role to a viewer group is high: who may act on the cluster',
    { 'main.tf': awsAuth('viewers') },
    { 'main.tf': awsAuth('viewers').replace('role/dev', 'role/ops') },
    [['kubernetes_config_map_v1_data.aws_auth', 'identity.kubernetes.aws-auth', 'high']],
  ],
  [
    'aws-auth written as a YAML heredoc, system:masters added: critical',
    { 'main.tf': awsAuthHeredoc('viewers') },
    { 'main.tf': awsAuthHeredoc('system:masters') },
    [
      ['kubernetes_config_map.aws_auth', 'identity.kubernetes.eks-system-masters', 'critical'],
      ['kubernetes_config_map.aws_auth', 'identity.kubernetes.aws-auth', 'high'],
    ],
  ],
  [
    'aws-auth applied as a kubectl manifest with system:masters: critical',
    ...created(`
resource "kubectl_manifest" "aws_auth" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: aws-auth
      namespace: kube-system
    data:
      mapRoles: |
        - rolearn: arn:aws:iam::111122223333:role/dev
          username: dev
          groups:
            - system:masters
  YAML
}
`),
    [['kubectl_manifest.aws_auth', 'identity.kubectl.eks-system-masters', 'critical']],
  ],
  [
    'an EKS access policy association with AmazonEKSClusterAdminPolicy is critical',
    ...created(`
resource "aws_eks_access_policy_association" "a" {
  cluster_name  = "c"
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
  principal_arn = "arn:aws:iam::111122223333:role/dev"
}
`),
    [
      ['aws_eks_access_policy_association.a', 'identity.aws.eks-cluster-admin', 'critical'],
      ['aws_eks_access_policy_association.a', 'identity.aws.kubernetes-access', 'high'],
    ],
  ],
  [
    'an EKS access entry in the system:masters group is critical',
    ...created(`
resource "aws_eks_access_entry" "e" {
  cluster_name      = "c"
  principal_arn     = "arn:aws:iam::111122223333:role/dev"
  kubernetes_groups = ["system:masters"]
}
`),
    [
      ['aws_eks_access_entry.e', 'identity.aws.eks-cluster-admin', 'critical'],
      ['aws_eks_access_entry.e', 'identity.aws.kubernetes-access', 'high'],
    ],
  ],
  ...['impersonate', 'escalate', 'bind'].map(
    (verb): Case => [
      `a cluster role with the ${verb} verb is critical: it leads to every other`,
      ...created(`
resource "kubernetes_cluster_role" "r" {
  metadata {
    name = "r"
  }
  rule {
    api_groups = [""]
    resources  = ["users", "groups", "serviceaccounts", "clusterroles"]
    verbs      = ["${verb}"]
  }
}
`),
      [
        ['kubernetes_cluster_role.r', 'identity.kubernetes.cluster-admin', 'critical'],
        ['kubernetes_cluster_role.r', 'identity.kubernetes.rbac', 'high'],
      ],
    ],
  ),
  ...[
    'resourcemanager.projects.setIamPolicy',
    'iam.serviceAccounts.getAccessToken',
    'iam.serviceAccountKeys.create',
    'iam.roles.update',
  ].map(
    (permission): Case => [
      `a Google custom role with ${permission} is critical: it leads to owner`,
      ...created(googleCustomRole(permission)),
      [
        ['google_project_iam_custom_role.r', 'identity.google.privileged-role', 'critical'],
        ['google_project_iam_custom_role.r', 'identity.google.iam', 'high'],
      ],
    ],
  ),
  [
    'a Google custom role that reads objects is high',
    ...created(googleCustomRole('storage.objects.get')),
    [['google_project_iam_custom_role.r', 'identity.google.iam', 'high']],
  ],
  [
    'granting roles/iam.roleAdmin is critical: it can add any permission to a role it holds',
    ...created(
      'resource "google_project_iam_member" "m" {\n  project = "p"\n  role    = "roles/iam.roleAdmin"\n  member  = "user:a@example.com"\n}\n',
    ),
    [
      ['google_project_iam_member.m', 'identity.google.privileged-role', 'critical'],
      ['google_project_iam_member.m', 'identity.google.iam', 'high'],
    ],
  ],
  [
    'a Key Vault access policy is high (identity, not the vault itself)',
    ...created('resource "azurerm_key_vault_access_policy" "p" {\n  secret_permissions = ["Get"]\n}\n'),
    [['azurerm_key_vault_access_policy.p', 'identity.azurerm.access-policy', 'high']],
  ],
  [
    'a policy exemption is high',
    ...created('resource "azurerm_subscription_policy_exemption" "e" {\n  exemption_category = "Waiver"\n}\n'),
    [['azurerm_subscription_policy_exemption.e', 'identity.azurerm.policy', 'high']],
  ],
  [
    'an Entra ID group member is high',
    ...created('resource "azuread_group_member" "m" {\n  group_object_id = "g"\n}\n'),
    [['azuread_group_member.m', 'identity.azuread.directory', 'high']],
  ],
  [
    'a binding to cluster-admin is critical',
    ...created(`
resource "kubernetes_cluster_role_binding" "b" {
  metadata {
    name = "ci"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
}
`),
    [
      ['kubernetes_cluster_role_binding.b', 'identity.kubernetes.cluster-admin', 'critical'],
      ['kubernetes_cluster_role_binding.b', 'identity.kubernetes.rbac', 'high'],
    ],
  ],
  [
    'a binding to a namespaced viewer role is high',
    ...created(`
resource "kubernetes_role_binding" "b" {
  role_ref {
    kind = "Role"
    name = "viewer"
  }
}
`),
    [['kubernetes_role_binding.b', 'identity.kubernetes.rbac', 'high']],
  ],
  [
    'a GitHub team membership is high',
    ...created('resource "github_team_membership" "m" {\n  username = "alice"\n}\n'),
    [['github_team_membership.m', 'identity.github.access', 'high']],
  ],
  [
    'deleting branch protection is critical',
    { 'main.tf': 'resource "github_branch_protection" "main" {\n  pattern = "main"\n}\n' },
    {},
    [
      ['github_branch_protection.main', 'identity.github.branch-protection-removed', 'critical'],
      ['github_branch_protection.main', 'identity.github.branch-protection', 'high'],
    ],
  ],
  ...(
    [
      ['enforcement = "active"', 'enforcement = "disabled"', 'critical'],
      ['enforcement = "active"', 'enforcement = "evaluate"', 'critical'],
      ['required_approving_review_count = 1', 'required_approving_review_count = 0', 'critical'],
      ['required_approving_review_count = 1', 'required_approving_review_count = 2', 'high'],
    ] as const
  ).map(
    ([before, after, tier]): Case => [
      `a ruleset changed from ${before} to ${after} is ${tier}`,
      { 'main.tf': RULESET },
      { 'main.tf': RULESET.replace(before, after) },
      [
        ...(tier === 'critical'
          ? [['github_repository_ruleset.main', 'identity.github.branch-protection-disabled', 'critical'] as Expected]
          : []),
        ['github_repository_ruleset.main', 'identity.github.branch-protection', 'high'],
      ],
    ],
  ),
  [
    'a new ruleset that is only evaluated protects nothing yet, and removes nothing: high',
    ...created(RULESET.replace('enforcement = "active"', 'enforcement = "evaluate"')),
    [['github_repository_ruleset.main', 'identity.github.branch-protection', 'high']],
  ],
  [
    'a Vault policy with sudo is critical',
    ...created(`
resource "vault_policy" "ops" {
  name   = "ops"
  policy = <<-EOT
    path "sys/*" {
      capabilities = ["read", "sudo"]
    }
  EOT
}
`),
    [
      ['vault_policy.ops', 'identity.vault.root-like', 'critical'],
      ['vault_policy.ops', 'identity.vault.access', 'high'],
    ],
  ],
  ...(
    [
      ['sys/policies/acl/*', '["create", "update"]', 'critical'],
      ['sys/policy/*', '["update"]', 'critical'],
      ['sys/*', '["create"]', 'critical'],
      ['+/*', '["read"]', 'critical'],
      ['sys/policies/acl/*', '["read", "list"]', 'high'],
      ['secret/data/app/*', '["create", "update"]', 'high'],
    ] as const
  ).flatMap(([path, capabilities, tier]): Case[] => {
    const expected = (address: string, ruleId: string): Expected[] => [
      ...(tier === 'critical' ? [[address, 'identity.vault.root-like', 'critical'] as Expected] : []),
      [address, ruleId, 'high'],
    ];
    return [
      [
        `a Vault policy with ${capabilities} on ${path} is ${tier}`,
        ...created(
          `resource "vault_policy" "p" {\n  name   = "p"\n  policy = <<-EOT\n    path "${path}" {\n      capabilities = ${capabilities}\n    }\n  EOT\n}\n`,
        ),
        expected('vault_policy.p', 'identity.vault.access'),
      ],
      [
        `a Vault policy document with ${capabilities} on ${path} is ${tier}`,
        ...created(
          `data "vault_policy_document" "d" {\n  rule {\n    path         = "${path}"\n    capabilities = ${capabilities}\n  }\n}\n`,
        ),
        expected('data.vault_policy_document.d', 'identity.vault.policy-document'),
      ],
    ];
  }),
  [
    'a binding of a viewer role to every service account is critical: every pod gets it',
    ...created(`
resource "kubernetes_cluster_role_binding" "b" {
  metadata {
    name = "all-sa"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind      = "Group"
    name      = "system:serviceaccounts"
    api_group = "rbac.authorization.k8s.io"
  }
}
`),
    [
      ['kubernetes_cluster_role_binding.b', 'identity.kubernetes.cluster-admin', 'critical'],
      ['kubernetes_cluster_role_binding.b', 'identity.kubernetes.rbac', 'high'],
    ],
  ],
  [
    'a Vault auth backend role is high',
    ...created('resource "vault_jwt_auth_backend_role" "ci" {\n  role_name = "ci"\n}\n'),
    [['vault_jwt_auth_backend_role.ci', 'identity.vault.access', 'high']],
  ],
];

describe('identity catalog', () => {
  runCases(cases);
});
