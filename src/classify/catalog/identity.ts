import type { Rule } from '../../model/policy.js';
import { DENY_STATEMENT, KUBERNETES_MANIFESTS, manifestKindRules, rule, valuesAt } from './rule.js';

/**
 * Identity and access: who may do what. Grants are `high`; grants of everything (`*` actions,
 * owner-like roles, cluster-admin) are `critical`. Data sources that only look identities up are
 * `medium`: changing which role or group a lookup finds changes what later resources grant.
 */

const AWS_IAM_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
  'aws_iam_policy_document',
  'aws_ssoadmin_permission_set_inline_policy',
];

/**
 * Action patterns that amount to every action: a pattern that matches each action of a set
 * (`*`, `*:*`, `iam:*`, `IAM:*`, `iam:*e*`, `sts:Assume*`…) grants what the set stands for.
 * Services apart, all of IAM (each way to grant oneself more) and all of STS (each way to
 * become another principal); AWS compares action names case-insensitively.
 */
const ALL_ACTIONS: readonly string[][] = [
  ['s3:GetObject', 'iam:PassRole', 'ec2:RunInstances'],
  ['iam:PassRole', 'iam:PutUserPolicy', 'iam:CreateAccessKey'],
  ['sts:AssumeRole', 'sts:GetFederationToken'],
];

/** Resource patterns that amount to every resource of an account in the commercial partition: `*`, `arn:*`, `arn:aws:*`, `arn:*:*:*:*:*`. */
const EVERY_RESOURCE: string[] = [
  'arn:aws:s3:::b/k',
  'arn:aws:iam::111122223333:role/r',
  'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
];

/**
 * IAM actions that let their holder grant itself more when allowed on every resource: attaching
 * or writing policies, making a policy version the default, minting credentials for another user,
 * rewriting a role's trust, joining a group, handing a role to a service it controls.
 */
const ESCALATING_ACTIONS = [
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  'iam:PassRole',
];

/** Roles that are full control, or lead to it by granting or impersonating. */
const GOOGLE_PRIVILEGED_ROLE =
  '^roles/(owner|editor|iam\\.securityAdmin|iam\\.serviceAccountTokenCreator|iam\\.serviceAccountUser' +
  '|iam\\.serviceAccountKeyAdmin|iam\\.workloadIdentityPoolAdmin|iam\\.roleAdmin|iam\\.organizationRoleAdmin' +
  '|resourcemanager\\.(organizationAdmin|folderAdmin|projectIamAdmin|folderIamAdmin))$';

/**
 * The permissions behind those roles: setting an IAM policy, acting as or minting tokens and keys
 * for a service account, changing what a custom role holds, or trusting a new identity pool.
 */
const GOOGLE_PRIVILEGED_PERMISSION =
  '^(resourcemanager\\.(projects|folders|organizations)\\.setIamPolicy' +
  '|iam\\.serviceAccounts\\.(getAccessToken|getOpenIdToken|actAs|signBlob|signJwt|implicitDelegation|setIamPolicy)' +
  '|iam\\.serviceAccountKeys\\.create|iam\\.roles\\.update' +
  '|iam\\.workloadIdentityPools\\.(create|update)|iam\\.workloadIdentityPoolProviders\\.(create|update))$';

/** Owner, Contributor, User Access Administrator and Role Based Access Control Administrator: Azure's built-in role ids. */
const AZURE_PRIVILEGED_ROLE_IDS = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
];

/** Azure action patterns that amount to every action (`*`, `Microsoft.*`), or to assigning roles (`Microsoft.Authorization/*`). */
const AZURE_EVERY_ACTION = [
  'Microsoft.Compute/virtualMachines/write',
  'Microsoft.Authorization/roleAssignments/write',
  'Microsoft.Storage/storageAccounts/listKeys/action',
];
const AZURE_ROLE_ASSIGNMENT = ['Microsoft.Authorization/roleAssignments/write'];
const AZURE_EVERY_DATA_ACTION = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.KeyVault/vaults/secrets/getSecret/action',
];

/** Vault paths under which policies are written: sys/policy…, sys/policies/acl…, sys/* (as a pattern source). */
const VAULT_POLICY_PATHS = 'sys/(\\*|\\+|polic(y|ies)(/[^"]*)?)';

/** The resources that write a ConfigMap such as EKS's aws-auth. */
const AWS_AUTH_CONFIG_MAPS = ['kubernetes_config_map', 'kubernetes_config_map_v1', 'kubernetes_config_map_v1_data'];

/** Kubernetes RBAC verbs that let the holder grant itself any role (escalate, bind) or act as anyone (impersonate). */
const ESCALATING_VERBS = '^(escalate|bind|impersonate)$';

/** Project metadata keys whose value every VM of the project runs at boot. */
const GOOGLE_STARTUP_SCRIPT_KEYS = '^(startup-script(-url)?|windows-startup-script-(ps1|cmd|bat|url))$';

/** Azure VM extensions that run a script the configuration gives them. */
const AZURE_SCRIPT_EXTENSIONS =
  '^(CustomScript|CustomScriptExtension|CustomScriptForLinux|RunCommandLinux|RunCommandWindows)$';

/** GitHub's OIDC subject claim, the condition key a CI role's trust names which repositories may assume it by. */
const GITHUB_OIDC_SUBJECT = 'token.actions.githubusercontent.com:sub';
/** A subject whose owner or repository part is a wildcard (`repo:acme/*`, `repo:*`, `*`): any repository's workflow. */
const ANY_REPOSITORY_SUBJECT = '^(\\*|repo:[^:]*[*?])';
/** GitHub's OIDC audience claim: a condition on it alone says nothing about which workflow asks. */
const GITHUB_OIDC_AUDIENCE = 'token.actions.githubusercontent.com:aud';
/** GitHub Actions' OIDC provider, as a federated principal's ARN. */
const GITHUB_OIDC_PROVIDER = 'oidc-provider/token\\.actions\\.githubusercontent\\.com/?$';
/**
 * A trust statement that names a claim of GitHub's tokens besides the audience (the subject, in
 * practice) restricts who may assume the role; one that names none trusts every workflow of every
 * repository on GitHub.
 */
const NO_GITHUB_CLAIM_CONDITION = (['Principal', 'principals'] as const).map((within) => ({
  within,
  mentions: '^token\\.actions\\.githubusercontent\\.com:(?!aud$)',
  // `Null` (the claim is there, whatever it is) and negated operators (any repository but one) restrict nothing.
  except: '^(ForAnyValue:|ForAllValues:)?(Null|[A-Za-z]*Not[A-Za-z]*)$',
}));

export const IDENTITY_RULES: readonly Rule[] = [
  // AWS
  rule(
    'identity.aws.iam',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_iam_*'] },
    'Changes IAM users, roles, policies or trust in the AWS account; a wrong grant or trust relationship is privilege escalation.',
  ),
  rule(
    'identity.aws.iam-policy-document',
    'high',
    { kinds: ['data'], resourceTypes: ['aws_iam_policy_document'] },
    'Builds an IAM policy document: its statements become permissions or trust wherever the document is used.',
  ),
  rule(
    'identity.aws.oidc-any-repository',
    'critical',
    {
      resourceTypes: ['aws_iam_role', 'aws_iam_policy_document'],
      values: [
        // A trust policy written as JSON: the condition's key is the claim.
        { attribute: '**', key: GITHUB_OIDC_SUBJECT, regex: ANY_REPOSITORY_SUBJECT },
        // aws_iam_policy_document: `condition { variable = "…:sub"  values = [...] }`.
        {
          attribute: 'statement.condition.values',
          regex: ANY_REPOSITORY_SUBJECT,
          alongside: { key: 'variable', covers: [GITHUB_OIDC_SUBJECT] },
        },
        // No subject condition at all: GitHub's provider trusted (by ARN, or by a condition on the audience alone).
        { attribute: '**', key: 'Federated', regex: GITHUB_OIDC_PROVIDER, unless: NO_GITHUB_CLAIM_CONDITION },
        { attribute: '**', key: GITHUB_OIDC_AUDIENCE, regex: '^', unless: NO_GITHUB_CLAIM_CONDITION },
        {
          attribute: 'statement.principals.identifiers',
          regex: GITHUB_OIDC_PROVIDER,
          unless: NO_GITHUB_CLAIM_CONDITION,
        },
        {
          attribute: 'statement.condition.variable',
          equals: GITHUB_OIDC_AUDIENCE,
          ignoreCase: true,
          unless: NO_GITHUB_CLAIM_CONDITION,
        },
      ],
    },
    "Trusts GitHub Actions' OIDC tokens of many repositories: a subject wildcard (repo:org/*), or no subject condition at all (all of GitHub). Any workflow there acts with this role.",
  ),
  rule(
    'identity.aws.wildcard-action',
    'critical',
    {
      resourceTypes: ['aws_*'],
      values: [
        ...ALL_ACTIONS.flatMap((covers) => [
          { attribute: '**', key: 'Action', covers, ignoreCase: true },
          ...valuesAt(['statement.actions'], { covers, ignoreCase: true }),
        ]),
        { attribute: '**', key: 'NotAction', regex: '.', unless: DENY_STATEMENT },
        ...valuesAt(['statement.not_actions'], { regex: '.', unless: DENY_STATEMENT }),
      ],
    },
    'A policy statement allows every action ("*", "*:*", all of IAM/STS, which amounts to the same, or NotAction: everything but a list): whoever holds it can do anything.',
  ),
  rule(
    'identity.aws.wildcard-resource',
    'critical',
    {
      resourceTypes: AWS_IAM_POLICY_TYPES,
      values: [
        { attribute: '**', key: 'Resource', covers: EVERY_RESOURCE },
        ...valuesAt(['statement.resources'], { covers: EVERY_RESOURCE }),
        { attribute: '**', key: 'NotResource', regex: '.', unless: DENY_STATEMENT },
        ...valuesAt(['statement.not_resources'], { regex: '.', unless: DENY_STATEMENT }),
      ],
    },
    'An identity policy statement applies to every resource ("*", "arn:*", or NotResource: everything but a list): check that the actions it allows are safe on all of them.',
  ),
  rule(
    'identity.aws.privilege-escalation',
    'critical',
    {
      resourceTypes: AWS_IAM_POLICY_TYPES,
      values: [
        {
          attribute: '**',
          key: 'Action',
          coversAny: ESCALATING_ACTIONS,
          ignoreCase: true,
          unless: DENY_STATEMENT,
          alongside: { key: 'Resource', covers: EVERY_RESOURCE },
          unlessCovers: ALL_ACTIONS,
        },
        ...valuesAt(['statement.actions'], {
          coversAny: ESCALATING_ACTIONS,
          ignoreCase: true,
          unless: DENY_STATEMENT,
          alongside: { key: 'resources', covers: EVERY_RESOURCE },
          unlessCovers: ALL_ACTIONS,
        }),
      ],
    },
    'An identity policy lets its holder raise its own access on every resource (attach or write policies, access keys, passwords, trust, iam:PassRole): one step from full control.',
  ),
  rule(
    'identity.aws.admin-managed-policy',
    'critical',
    {
      resourceTypes: [
        'aws_iam_*policy_attachment',
        // AWS provider 5.7x: the whole set of a role's, user's or group's managed policies.
        'aws_iam_*_policy_attachments_exclusive',
        'aws_iam_role',
        'aws_iam_user',
        'aws_iam_group',
        'aws_ssoadmin_managed_policy_attachment',
      ],
      values: valuesAt(['policy_arn', 'policy_arns', 'managed_policy_arns', 'managed_policy_arn'], {
        regex: ':policy/(AdministratorAccess(-[A-Za-z0-9]+)?|IAMFullAccess|PowerUserAccess)$',
      }),
    },
    'Attaches an AWS managed policy that grants full control (AdministratorAccess and its -Amplify-like variants, IAMFullAccess, PowerUserAccess): whoever holds it can do almost anything.',
  ),
  rule(
    'identity.aws.sso',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_ssoadmin_*', 'aws_identitystore_*'] },
    'Changes who can sign in to which AWS accounts with which permission set (IAM Identity Center).',
  ),
  rule(
    'identity.aws.organizations',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_organizations_*'] },
    'Changes the AWS organization: accounts, service control policies or delegated administrators that bound every account.',
  ),
  rule(
    'identity.aws.lakeformation',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_lakeformation_*'] },
    'Changes Lake Formation permissions, administrators or tags that decide who can read which data lake tables.',
  ),
  rule(
    'identity.aws.federation',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_cognito_identity_pool*',
        'aws_cognito_identity_provider',
        'aws_rolesanywhere_*',
        'aws_verifiedaccess_*trust_provider*',
        'aws_directory_service_trust',
        'aws_eks_identity_provider_config',
        'aws_workspacesweb_identity_provider',
        'aws_bedrockagentcore_workload_identity',
        'aws_iot_authorizer',
        'aws_api_gateway_authorizer',
        'aws_apigatewayv2_authorizer',
      ],
    },
    'Changes which external identities (federated users, certificates, token issuers) are trusted to obtain AWS credentials or call APIs.',
  ),
  rule(
    'identity.aws.kubernetes-access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_eks_access_entry', 'aws_eks_access_policy_association', 'aws_eks_pod_identity_association'],
    },
    'Changes which IAM principals or pods get access to an EKS cluster or to AWS from inside it.',
  ),
  rule(
    'identity.aws.eks-cluster-admin',
    'critical',
    {
      resourceTypes: ['aws_eks_access_policy_association', 'aws_eks_access_entry'],
      values: [
        ...valuesAt(['policy_arn'], { regex: '/AmazonEKSClusterAdminPolicy$' }),
        ...valuesAt(['kubernetes_groups'], { equals: 'system:masters' }),
      ],
    },
    'Gives IAM principals cluster-admin on an EKS cluster (AmazonEKSClusterAdminPolicy, or the system:masters group): full control of the cluster.',
  ),
  rule(
    'identity.aws.service-roles',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_*role_association',
        'aws_redshift_cluster_iam_roles',
        'aws_iot_role_alias',
        'aws_shield_drt_access_role_arn_association',
      ],
    },
    'Gives a service an IAM role to act with: the service gains every permission of that role.',
  ),
  rule(
    'identity.aws.grants',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_lambda_permission',
        'aws_lambda_layer_version_permission',
        'aws_cloudwatch_event_permission',
        'aws_acmpca_permission',
        'aws_network_interface_permission',
        'aws_signer_signing_profile_permission',
        'aws_iot_policy',
        'aws_iot_policy_attachment',
        'aws_iot_thing_principal_attachment',
        'aws_iot_thing_group_membership',
        'aws_quicksight_*permission*',
        'aws_quicksight_*membership',
        'aws_quicksight_iam_policy_assignment',
        'aws_cloud9_environment_membership',
        'aws_cleanrooms_membership',
        'aws_config_aggregate_authorization',
        'aws_vpc_endpoint_service_allowed_principal',
        'aws_ec2_transit_gateway_policy_table*',
        'aws_memorydb_acl',
        'aws_memorydb_user',
        'aws_elasticache_user*',
        'aws_transfer_user',
        'aws_transfer_access',
      ],
    },
    'Grants a principal access to a resource (invoke, publish, join, read): check who receives it and whether the grant is scoped.',
  ),
  rule(
    'identity.aws.remote-execution',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_ssm_association',
        'aws_ssm_document',
        'aws_ssm_maintenance_window_task',
        'aws_ssm_activation',
      ],
    },
    'Runs commands or documents on managed instances (SSM), as root, on every instance it targets.',
  ),
  rule(
    'identity.aws.app-auth',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_cognito_user_pool*',
        'aws_cognito_user',
        'aws_cognito_user_group',
        'aws_cognito_user_in_group',
        'aws_cognito_managed_user_pool_client',
        'aws_cognito_resource_server',
        'aws_cognito_risk_configuration',
        'aws_verifiedpermissions_*',
        'aws_lb_trust_store*',
        'aws_workspacesweb_trust_store*',
        'aws_ses_*identity*',
        'aws_sesv2_*identity*',
        'aws_ses_domain_dkim',
        'aws_api_gateway_usage_plan_key',
        'aws_cloudfront_origin_access_*',
      ],
    },
    'Changes how an application authenticates or authorizes its users (user pools, authorization policies, mTLS trust, sender identities).',
  ),
  rule(
    'identity.aws.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'aws_iam_!(policy_document)',
        'aws_ssoadmin_*',
        'aws_identitystore_*',
        'aws_organizations_*',
        'aws_lakeformation_*',
        'aws_cognito_*',
        'aws_cloudfront_origin_access_identity',
      ],
    },
    'Looks up an identity, policy or grant: changing what it finds changes what the resources using it grant.',
  ),

  // Google Cloud
  rule(
    'identity.google.iam',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_*_iam_!(audit_config)', 'google_iam_*'] },
    'Changes IAM bindings, members, custom roles, deny policies or workload identity: a wrong grant is privilege escalation.',
  ),
  rule(
    'identity.google.policy-document',
    'high',
    { kinds: ['data'], resourceTypes: ['google_iam_policy'] },
    'Builds an IAM policy: its bindings replace the whole policy of whatever resource it is applied to.',
  ),
  rule(
    'identity.google.privileged-role',
    'critical',
    {
      resourceTypes: ['google_*'],
      values: [
        // A member or binding resource is one grant: a new member, resource or condition grants the role anew.
        ...valuesAt(['role', 'roles'], { regex: GOOGLE_PRIVILEGED_ROLE, widenedBy: ['**'] }),
        ...valuesAt(['binding.role'], { regex: GOOGLE_PRIVILEGED_ROLE }),
        { attribute: 'policy_data', key: 'role', regex: GOOGLE_PRIVILEGED_ROLE },
        // A custom role holding the permission that makes one of those roles privileged is as privileged.
        ...valuesAt(['permissions'], { regex: GOOGLE_PRIVILEGED_PERMISSION }),
      ],
    },
    'Grants owner, editor or a role (or custom role permission) that can grant itself more (IAM admin, service account token creator/user): effectively full control.',
  ),
  rule(
    'identity.google.org-policy',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_organization_!(iam_*)',
        'google_*_organization_policy',
        'google_org_policy_*',
        'google_*_access_approval_settings',
      ],
    },
    'Changes organization guardrails (org policy constraints, access approval) that limit what every project may do.',
  ),
  rule(
    'identity.google.service-account',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['google_service_account', 'google_project_default_service_accounts'],
    },
    'Creates or changes a service account, or the roles of default service accounts: workloads act with its permissions.',
  ),
  rule(
    'identity.google.directory',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_cloud_identity_group*', 'google_active_directory_*'] },
    'Changes Cloud Identity groups, their members, or a managed Active Directory and its trusts: membership carries every role granted to a group.',
  ),
  rule(
    'identity.google.rbac',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['google_gke_hub_scope_rbac_role_binding', 'google_gke_hub_membership_binding'],
    },
    'Grants Kubernetes RBAC roles across fleet clusters.',
  ),
  rule(
    'identity.google.ssh-keys',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_os_login_ssh_public_key'] },
    'Registers an SSH key for OS Login: whoever holds the private key can log in to the VMs the user may reach.',
  ),
  rule(
    'identity.google.ssh-keys-metadata',
    'high',
    {
      resourceTypes: [
        'google_compute_project_metadata*',
        'google_compute_instance*',
        'google_compute_region_instance_template',
      ],
      values: [
        { attribute: 'metadata', key: 'ssh-keys', regex: '.' },
        { attribute: 'metadata', key: 'enable-oslogin', regex: '^(false|FALSE|False)$' },
        { attribute: 'key', regex: '^(ssh-keys|sshKeys|enable-oslogin)$' },
      ],
    },
    'Sets SSH keys in instance or project metadata (or turns OS Login off): VM login bypasses IAM.',
  ),
  rule(
    'identity.google.project-startup-script',
    'high',
    {
      resourceTypes: ['google_compute_project_metadata*'],
      values: [
        { attribute: 'metadata', key: 'startup-script', regex: '' },
        { attribute: 'metadata', key: 'startup-script-url', regex: '' },
        ...['ps1', 'cmd', 'bat', 'url'].map((kind) => ({
          attribute: 'metadata',
          key: `windows-startup-script-${kind}`,
          regex: '',
        })),
        { attribute: 'key', regex: GOOGLE_STARTUP_SCRIPT_KEYS, widenedBy: ['value'] },
      ],
    },
    "Sets a startup script in the project's metadata: every VM of the project that has none of its own runs it as root at boot.",
  ),
  rule(
    'identity.google.remote-execution',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_os_config_*'] },
    'Applies OS policies (packages, files, scripts) or patch jobs to every VM it targets, as root.',
  ),
  rule(
    'identity.google.binary-authorization',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_binary_authorization_*'] },
    'Changes which container images may be deployed: a weaker policy lets unsigned images run.',
  ),
  rule(
    'identity.google.app-auth',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_identity_platform_*',
        'google_iap_brand',
        'google_iap_client',
        'google_iap_settings',
        'google_gke_hub_membership',
        'google_gke_hub_feature_membership',
        'google_clouddeploy_deploy_policy',
        'google_data_catalog_policy_tag',
        'google_managed_kafka_acl',
      ],
    },
    'Changes how an application or platform authenticates and authorizes users (identity providers, IAP, fleet membership, topic ACLs).',
  ),
  rule(
    'identity.google.tags',
    'medium',
    { kinds: ['resource'], resourceTypes: ['google_tags_!(*_iam_*)'] },
    'Tags can be conditions of IAM and org policies: creating or binding one can grant or lift access.',
  ),
  rule(
    'identity.google.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'google_*_iam_policy',
        'google_iam_!(policy)',
        'google_service_account',
        'google_service_accounts',
        'google_cloud_identity_*',
        'google_*_iam_custom_role*',
        'google_organization',
        'google_folder_organization_policy',
        'google_project_organization_policy',
      ],
    },
    'Looks up an identity, role or policy: changing what it finds changes what the resources using it grant.',
  ),

  // Azure
  rule(
    'identity.azurerm.vm-password-login',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set'],
      values: [{ attribute: 'disable_password_authentication', equals: false }],
    },
    'Lets users log in to Linux VMs with a password: anyone who can reach SSH can guess it, where only a key opened them before.',
  ),
  rule(
    'identity.azurerm.role',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_role_*',
        'azurerm_pim_*',
        'azurerm_*_role_*',
        'azurerm_*_role',
        'azurerm_*principal_assignment',
      ],
    },
    'Changes Azure role assignments or definitions: a wrong assignment is privilege escalation.',
  ),
  rule(
    'identity.azurerm.privileged-role',
    'critical',
    {
      resourceTypes: ['azurerm_*'],
      values: [
        ...valuesAt(['role_definition_name'], {
          regex: '^(Owner|Contributor|User Access Administrator|Role Based Access Control Administrator)$',
          ignoreCase: true,
        }),
        // The same roles by id, alone or as the path `/subscriptions/…/roleDefinitions/<id>`.
        ...valuesAt(['role_definition_id'], {
          regex: `(^|/)(${AZURE_PRIVILEGED_ROLE_IDS.join('|')})$`,
          ignoreCase: true,
        }),
        ...[AZURE_EVERY_ACTION, AZURE_ROLE_ASSIGNMENT].flatMap((covers) =>
          valuesAt(['permissions.actions'], { covers, ignoreCase: true }),
        ),
        ...valuesAt(['permissions.data_actions'], { covers: AZURE_EVERY_DATA_ACTION, ignoreCase: true }),
      ],
    },
    'Assigns Owner, Contributor or an access administrator role (by name or id), or defines a role with "*" actions or one that assigns roles: effectively full control of the scope.',
  ),
  ...(
    [
      ['azapi', 'azapi_*', 'the Azure API'],
      ['azurerm', 'azurerm_*template_deployment', 'an ARM template'],
    ] as const
  ).map(([provider, types, through]) =>
    rule(
      `identity.${provider}.privileged-role-by-id`,
      'critical',
      {
        resourceTypes: [types],
        // The role's id anywhere in the body or template: `roleDefinitionId` as a path, or inside
        // an ARM expression (`[subscriptionResourceId('…/roleDefinitions', '8e3af657-…')]`).
        values: [{ attribute: '**', regex: `(${AZURE_PRIVILEGED_ROLE_IDS.join('|')})`, ignoreCase: true }],
      },
      `Assigns Owner, Contributor or an access administrator role through ${through} (by the role id): effectively full control of the scope.`,
    ),
  ),
  rule(
    'identity.azurerm.remote-execution',
    'high',
    { kinds: ['resource'], resourceTypes: ['azurerm_virtual_machine_run_command'] },
    'Runs a script on a virtual machine, as root or SYSTEM, with the identity of the VM.',
  ),
  rule(
    'identity.azurerm.custom-script-extension',
    'high',
    {
      resourceTypes: [
        'azurerm_virtual_machine_extension',
        'azurerm_virtual_machine_scale_set_extension',
        'azurerm_arc_machine_extension',
      ],
      // A script extension whose command or files change runs the new script.
      values: [
        {
          attribute: 'type',
          regex: AZURE_SCRIPT_EXTENSIONS,
          ignoreCase: true,
          widenedBy: ['settings', 'protected_settings', 'protected_settings_from_key_vault.**'],
        },
      ],
    },
    'Runs a script on virtual machines through a custom script or run command extension, as root or SYSTEM, on every machine it is given.',
  ),
  rule(
    'identity.azurerm.access-policy',
    'high',
    { kinds: ['resource'], resourceTypes: ['azurerm_*_access_policy', 'azurerm_*_access_policy_assignment'] },
    'Changes an access policy (Key Vault, Redis, IoT Hub, HPC cache): who can read secrets, keys or data.',
  ),
  rule(
    'identity.azurerm.managed-identity',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_user_assigned_identity',
        'azurerm_federated_identity_credential',
        'azurerm_data_factory_credential_user_managed_identity',
        'azurerm_api_management_identity_provider_*',
        'azurerm_active_directory_domain_service*',
        'azurerm_*active_directory_administrator',
      ],
    },
    'Changes a managed identity, the Entra ID administrator of a database, or which external identities (federated credentials, identity providers, domain trusts) are trusted.',
  ),
  rule(
    'identity.azurerm.policy',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_policy_*',
        'azurerm_*_policy_assignment',
        'azurerm_*_policy_exemption',
        'azurerm_*_policy_remediation',
        'azurerm_*_policy_set_definition',
        'azurerm_management_group*',
      ],
    },
    'Changes Azure Policy guardrails or the management group hierarchy: an exemption or weaker policy lifts them for every resource in scope.',
  ),
  rule(
    'identity.azurerm.platform-access',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_api_management_*polic*', 'azurerm_dev_test_policy', 'azurerm_kubernetes_fleet_member'],
    },
    'Changes API gateway policies (authentication, IP filters, rate limits) or fleet membership (which control plane may deploy into a cluster).',
  ),
  rule(
    'identity.azuread.directory',
    'high',
    { kinds: ['resource'], resourceTypes: ['azuread_*'] },
    'Changes Entra ID (Azure AD) users, groups, applications, service principals or role assignments.',
  ),
  rule(
    'identity.azurerm.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'azurerm_role_*',
        'azurerm_*_role_*',
        'azurerm_user_assigned_identity',
        'azurerm_policy_*',
        'azurerm_*_access_policy',
        'azurerm_management_group',
      ],
    },
    'Looks up a role, identity or policy: changing what it finds changes what the resources using it grant.',
  ),

  // Kubernetes
  rule(
    'identity.kubernetes.rbac',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'kubernetes_*role*',
        'kubernetes_service_account*',
        'kubernetes_certificate_signing_request*',
        'kubernetes_token_request*',
      ],
    },
    'Changes Kubernetes RBAC roles, bindings or service accounts: who may act on the cluster and with which verbs.',
  ),
  rule(
    'identity.kubernetes.cluster-admin',
    'critical',
    {
      resourceTypes: ['kubernetes_*role*'],
      values: [
        ...valuesAt(['role_ref.name'], { equals: 'cluster-admin' }),
        ...valuesAt(['rule.verbs', 'rule.resources', 'rule.api_groups'], { equals: '*' }),
        // Verbs that lead to every other: granting oneself roles, and acting as anyone.
        ...valuesAt(['rule.verbs'], { regex: ESCALATING_VERBS }),
        ...valuesAt(['subject.name'], { regex: '^system:(anonymous|unauthenticated|authenticated|serviceaccounts)$' }),
      ],
    },
    'Grants cluster-admin, "*" verbs or resources, the escalate, bind or impersonate verbs, or binds a role to anonymous/all users or every service account: full control of the cluster.',
  ),

  rule(
    'identity.kubernetes.privileged-workload',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'kubernetes_pod',
        'kubernetes_pod_v1',
        'kubernetes_deployment',
        'kubernetes_deployment_v1',
        'kubernetes_daemonset',
        'kubernetes_daemon_set_v1',
        'kubernetes_stateful_set',
        'kubernetes_stateful_set_v1',
        'kubernetes_job',
        'kubernetes_job_v1',
        'kubernetes_cron_job',
        'kubernetes_cron_job_v1',
        'kubernetes_replication_controller',
        'kubernetes_replication_controller_v1',
      ],
      values: [
        ...valuesAt(['**.security_context.privileged', '**.host_network', '**.host_pid', '**.host_ipc'], {
          equals: true,
        }),
        ...valuesAt(['**.security_context.capabilities.add'], { regex: '^(CAP_)?(SYS_ADMIN|ALL)$' }),
      ],
    },
    "Runs a container privileged, with SYS_ADMIN or in the node's network, PID or IPC namespace: whoever controls its image or command controls the node and what else runs on it.",
  ),
  ...KUBERNETES_MANIFESTS.map(([provider, type]) =>
    rule(
      `identity.${provider}.manifest-privileged-workload`,
      'high',
      {
        kinds: ['resource'],
        resourceTypes: [type],
        values: [
          ...['privileged', 'hostNetwork', 'hostPID', 'hostIPC'].map((key) => ({
            attribute: '**',
            key,
            equals: true,
          })),
          { attribute: '**', key: 'add', regex: '^(CAP_)?(SYS_ADMIN|ALL)$' },
        ],
      },
      "A manifest runs a container privileged, with SYS_ADMIN or in the node's network, PID or IPC namespace: whoever controls its image or command controls the node.",
    ),
  ),
  rule(
    'identity.kubernetes.aws-auth',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: AWS_AUTH_CONFIG_MAPS,
      values: valuesAt(['metadata.name'], { equals: 'aws-auth', widenedBy: ['data', 'data.**'] }),
    },
    "Changes EKS's aws-auth ConfigMap: which IAM roles and users may act on the cluster, and in which Kubernetes groups.",
  ),
  ...KUBERNETES_MANIFESTS.map(([provider, type]) =>
    rule(
      `identity.${provider}.eks-system-masters`,
      'critical',
      {
        resourceTypes: provider === 'kubernetes' ? [...AWS_AUTH_CONFIG_MAPS, type] : [type],
        values: [
          ...valuesAt(['data'], { key: 'groups', equals: 'system:masters' }),
          ...valuesAt(['data.mapRoles', 'data.mapUsers', 'data'], { contains: 'system:masters' }),
          { attribute: '**', key: 'mapRoles', contains: 'system:masters' },
          { attribute: '**', key: 'mapUsers', contains: 'system:masters' },
        ],
      },
      "Maps IAM principals to the system:masters group in EKS's aws-auth ConfigMap: cluster-admin, full control of the cluster.",
    ),
  ),

  ...manifestKindRules(
    'identity',
    'manifest-rbac',
    'high',
    '^((Cluster)?Role(Binding)?|ServiceAccount)$',
    'Applies a Kubernetes manifest of an RBAC role, binding or service account: who may act on the cluster and with which verbs.',
  ),
  ...KUBERNETES_MANIFESTS.map(([provider, type]) =>
    rule(
      `identity.${provider}.manifest-cluster-admin`,
      'critical',
      {
        kinds: ['resource'],
        resourceTypes: [type],
        values: [
          { attribute: '**', key: 'name', equals: 'cluster-admin' },
          { attribute: '**', key: 'verbs', equals: '*' },
          { attribute: '**', key: 'verbs', regex: ESCALATING_VERBS },
          { attribute: '**', key: 'resources', equals: '*' },
          { attribute: '**', key: 'name', regex: '^system:(anonymous|unauthenticated|authenticated|serviceaccounts)$' },
        ],
      },
      'A Kubernetes manifest grants cluster-admin, "*" verbs or resources, the escalate, bind or impersonate verbs, or binds a role to anonymous/all users or every service account: full control of the cluster.',
    ),
  ),

  // GitHub
  rule(
    'identity.github.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'github_membership',
        'github_team',
        'github_team_*',
        'github_repository_collaborator*',
        'github_organization_custom_role',
        'github_organization_role*',
        'github_organization_security_manager',
        'github_organization_settings',
        'github_enterprise_organization',
        'github_emu_group_mapping',
        'github_user_invitation_accepter',
        'github_actions_runner_group',
      ],
    },
    'Changes GitHub organization membership, teams, collaborators or roles: who can push, approve and administer repositories.',
  ),
  rule(
    'identity.github.admin-access',
    'critical',
    {
      resourceTypes: [
        'github_membership',
        'github_repository_collaborator',
        'github_repository_collaborators',
        'github_team_repository',
      ],
      values: [
        { attribute: 'role', equals: 'admin', ignoreCase: true },
        ...valuesAt(['permission', 'user.permission', 'team.permission'], { equals: 'admin', ignoreCase: true }),
      ],
    },
    'Makes someone an organization owner or a repository admin: they can change branch protection and rulesets, and so merge without the reviews this check requires.',
  ),
  rule(
    'identity.github.branch-protection',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'github_branch_protection*',
        'github_repository_ruleset',
        'github_organization_ruleset',
        'github_repository_environment*',
        'github_repository_deployment_branch_policy',
        'github_actions_*permissions*',
        'github_workflow_repository_permissions',
      ],
    },
    'Changes branch protection, rulesets, deployment environments or Actions permissions: the review gates this check relies on.',
  ),
  rule(
    'identity.github.branch-protection-removed',
    'critical',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: [
        'github_branch_protection*',
        'github_repository_ruleset',
        'github_organization_ruleset',
        'github_repository_environment',
      ],
    },
    'Removes branch protection, a ruleset or a deployment environment: changes could then reach protected branches without review.',
  ),

  rule(
    'identity.github.branch-protection-disabled',
    'critical',
    {
      kinds: ['resource'],
      actions: ['update', 'move'],
      resourceTypes: ['github_branch_protection*', 'github_repository_ruleset', 'github_organization_ruleset'],
      values: [
        // `evaluate` only reports what the rules would block.
        ...valuesAt(['enforcement'], { regex: '^(disabled|evaluate)$' }),
        ...valuesAt(
          [
            'required_pull_request_reviews.required_approving_review_count',
            'rules.pull_request.required_approving_review_count',
          ],
          { equals: 0 },
        ),
      ],
    },
    'Turns a ruleset off (disabled, or evaluate: report only) or lets pull requests merge with no approving review: as good as removing the protection.',
  ),

  // Vault
  rule(
    'identity.vault.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'vault_policy',
        'vault_egp_policy',
        'vault_rgp_policy',
        'vault_*auth_backend*',
        'vault_identity_*',
        'vault_token*',
        'vault_approle_*',
        'vault_github_*',
        'vault_okta_*',
        'vault_ldap_auth_*',
        'vault_jwt_*',
        'vault_generic_endpoint',
        'vault_namespace',
      ],
    },
    'Changes Vault policies, auth methods, roles or identities: who can log in to Vault and which secrets they can read.',
  ),
  rule(
    'identity.vault.policy-document',
    'high',
    { kinds: ['data'], resourceTypes: ['vault_policy_document'] },
    'Builds a Vault policy: its rules become permissions wherever the document is used.',
  ),
  rule(
    'identity.vault.root-like',
    'critical',
    {
      resourceTypes: ['vault_policy', 'vault_policy_document'],
      values: [
        { attribute: 'policy', regex: '\\bsudo\\b|path\\s+"(\\*|\\+/\\*)"' },
        // Writing policies (sys/policy, sys/policies/acl, all of sys) is granting oneself any path.
        { attribute: 'policy', regex: `path\\s+"${VAULT_POLICY_PATHS}"\\s*\\{[^}]*"(create|update)"` },
        ...valuesAt(['rule.capabilities'], { equals: 'sudo' }),
        ...valuesAt(['rule.path'], { regex: '^(\\*|\\+/\\*)$' }),
        ...['create', 'update'].map((capability) => ({
          attribute: 'rule.path',
          regex: `^${VAULT_POLICY_PATHS}$`,
          alongside: { key: 'capabilities', covers: [capability] },
        })),
      ],
    },
    'A Vault policy grants sudo, covers every path ("*", "+/*") or may write policies (sys/policy…): root-like access to all secrets.',
  ),
];
