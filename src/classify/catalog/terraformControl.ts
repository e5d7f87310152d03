import type { Rule } from '../../model/policy.js';
import { TERRAGRUNT_CONFIGURATION } from '../../terraform/terragrunt.js';
import { rule } from './rule.js';

/** Azure resource types (`Microsoft.Authorization/roleAssignments@…`) that decide who or what may reach what. */
const AZURE_SECURITY_TYPES =
  '^Microsoft\\.(Authorization|KeyVault|ManagedIdentity|Security)/|^Microsoft\\.Network/(networkSecurityGroups|azureFirewalls|firewallPolicies|publicIPAddresses|applicationSecurityGroups)[/@]';

/** Cloud Control type names that decide who or what may reach what. */
const AWS_SECURITY_TYPES =
  '^AWS::(IAM|SSO|Organizations|KMS|SecretsManager|EC2::(SecurityGroup|NetworkAcl)|S3::(BucketPolicy|AccessPoint)|Lambda::Permission|SNS::TopicPolicy|SQS::QueuePolicy)';

/**
 * Control of Terraform itself: where state lives, which identity and which provider code a run
 * uses, which objects it adopts or forgets, and code it runs on the machine that applies it.
 * These rules do not depend on a provider's resource types. Some judge files Terraform reads
 * beside the configuration (backend settings, lock file, downloaded modules and plugins, CLI
 * configuration): any change to them is a finding, whatever it says.
 */

/** Provider arguments that choose the identity, credentials or endpoints a run uses (AWS, Google, Azure, Kubernetes, Helm, Vault, GitHub). */
const PROVIDER_CREDENTIAL_ATTRIBUTES = [
  'assume_role.**',
  'assume_role_with_web_identity.**',
  'access_key',
  'secret_key',
  'token',
  'token_name',
  'profile',
  'shared_credentials_files',
  'shared_config_files',
  'allowed_account_ids',
  'forbidden_account_ids',
  'endpoints.**',
  'custom_ca_bundle',
  'sts_region',
  'insecure',
  'credentials',
  'access_token',
  'impersonate_service_account',
  'impersonate_service_account_delegates',
  '*_custom_endpoint',
  'universe_domain',
  'client_id',
  'client_id_file_path',
  'client_secret',
  'client_secret_file_path',
  'client_certificate*',
  'tenant_id',
  'subscription_id',
  'auxiliary_tenant_ids',
  'use_msi',
  'use_oidc',
  'use_cli',
  'use_aks_workload_identity',
  'oidc_*',
  'msi_endpoint',
  'environment',
  'metadata_host',
  'host',
  'client_key',
  'cluster_ca_certificate',
  'config_path',
  'config_paths',
  'config_context*',
  'exec.**',
  'kubernetes.**',
  'username',
  'password',
  'address',
  'auth_login*.**',
  'client_auth.**',
  'skip_tls_verify',
  'ca_cert_file',
  'ca_cert_dir',
  'app_auth.**',
  'owner',
  'base_url',
];

export const TERRAFORM_CONTROL_RULES: readonly Rule[] = [
  rule(
    'terraform-control.terraform.backend',
    'critical',
    { kinds: ['backend', 'cloud'] },
    'Changes where Terraform state is stored (backend or cloud block): the new location can read the state and its secrets, or start from an empty state.',
  ),
  rule(
    'terraform-control.terraform.state-encryption',
    'critical',
    { kinds: ['terraform'], attributes: ['encryption.**'] },
    "Changes OpenTofu's state encryption (key providers, methods, enforced, fallback): state and plans, and the secrets in them, may be written unencrypted or with a key someone else holds.",
  ),
  rule(
    'terraform-control.terraform.provider-credentials',
    'critical',
    { kinds: ['provider'], actions: ['update', 'move', 'delete'], attributes: PROVIDER_CREDENTIAL_ATTRIBUTES },
    'Changes the identity, credentials or endpoints a provider uses (assume_role, keys, tokens, custom endpoints): the run acts as someone else or sends credentials elsewhere.',
  ),
  rule(
    'terraform-control.terraform.provider-credentials-added',
    'high',
    { kinds: ['provider'], actions: ['create'], attributes: PROVIDER_CREDENTIAL_ATTRIBUTES },
    'Adds a provider configuration with its own identity, credentials or endpoints: check whom the resources that use it act as.',
  ),
  rule(
    'terraform-control.terraform.provider',
    'medium',
    { kinds: ['provider'] },
    'Changes a provider configuration (region, project, default tags, aliases): resources may be created in, or moved to, another place.',
  ),
  rule(
    'terraform-control.terraform.required-provider-source',
    'critical',
    { kinds: ['required_provider'], actions: ['update', 'move'], attributes: ['source'] },
    'Changes where a provider plugin comes from: different code runs with every credential of the Terraform run.',
  ),
  rule(
    'terraform-control.terraform.required-provider-added',
    'high',
    {
      kinds: ['required_provider'],
      actions: ['create'],
      values: [
        {
          attribute: '**',
          key: 'source',
          regex: '^(?!((registry\\.terraform\\.io|registry\\.opentofu\\.org)/)?hashicorp/)',
          ignoreCase: true,
        },
      ],
    },
    'Adds a provider plugin from a publisher other than HashiCorp: new code runs with the credentials of the Terraform run; check its source and publisher.',
  ),
  rule(
    'terraform-control.terraform.required-provider-added-official',
    'medium',
    { kinds: ['required_provider'], actions: ['create'] },
    "Adds a provider plugin (HashiCorp's, unless another rule says otherwise): a new plugin runs with the credentials of the Terraform run.",
  ),
  rule(
    'terraform-control.terraform.required-provider-version',
    'medium',
    { kinds: ['required_provider'], actions: ['update'], attributes: ['version'] },
    'Changes the allowed provider versions: a different release of the plugin runs, with different behaviour and code.',
  ),
  rule(
    'terraform-control.terraform.provider-reassigned',
    'high',
    { kinds: ['resource', 'data'], actions: ['update', 'move'], attributes: ['provider'] },
    'Gives the object another provider configuration (account, project, region or credentials): Terraform creates it there, and stops managing the one it had.',
  ),
  rule(
    'terraform-control.terraform.module-providers',
    'high',
    { kinds: ['module'], actions: ['update', 'move'], attributes: ['providers'] },
    'Passes other provider configurations to a module: every object in it is created in the other account, project or region, and the ones it had are no longer managed.',
  ),
  rule(
    'terraform-control.terraform.backend-config-file',
    'critical',
    { files: ['**/*.tfbackend'] },
    'Changes a backend configuration file (init -backend-config): where state is stored and the credentials to reach it; the new location can read the state and its secrets.',
  ),
  rule(
    'terraform-control.terraform.lock-file',
    'high',
    { files: ['**/.terraform.lock.hcl'] },
    'Changes the dependency lock file: the checksums Terraform trusts for provider plugins; a new checksum lets different plugin code run with the credentials of the Terraform run.',
  ),
  rule(
    'terraform-control.terraform.committed-dot-terraform',
    'critical',
    { files: ['**/.terraform/**', '**/.terraform'] },
    'Changes a committed .terraform directory: terraform init reuses the modules and provider plugins in it, so unreviewed code runs with the credentials of the Terraform run.',
  ),
  rule(
    'terraform-control.terraform.local-provider-mirror',
    'critical',
    { files: ['**/terraform.d/**'] },
    'Changes terraform.d, a directory Terraform installs provider plugins from without asking: unreviewed plugin code runs with the credentials of the Terraform run.',
  ),
  rule(
    'terraform-control.terraform.committed-state',
    'critical',
    { files: ['**/*.tfstate', '**/*.tfstate.backup', '**/terraform.tfstate.d/**'] },
    'Changes Terraform state committed to the repository: it maps each resource to a real object, so an edited ID points the next apply at another object, and a removed entry is forgotten.',
  ),
  rule(
    'terraform-control.terraform.cli-configuration',
    'critical',
    { files: ['**/.terraformrc', '**/terraform.rc', '**/.tofurc', '**/tofu.rc'] },
    'Changes a Terraform or OpenTofu CLI configuration: it can redirect where provider plugins come from (provider_installation, dev_overrides) and holds registry credentials.',
  ),
  rule(
    'terraform-control.terraform.ignore-file',
    'high',
    { files: ['**/.terraformignore'] },
    'Changes a .terraformignore: files it names are left out of what remote runs (HCP Terraform, Terraform Enterprise) upload, so their objects are destroyed there though the files stay.',
  ),
  rule(
    'terraform-control.terragrunt.iam-role',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: [TERRAGRUNT_CONFIGURATION],
      actions: ['update', 'move', 'delete'],
      attributes: ['iam_role', 'iam_assume_role_*', 'iam_web_identity_token'],
    },
    'Changes the IAM role Terragrunt assumes to run Terraform (iam_role): the run acts as someone else.',
  ),
  rule(
    'terraform-control.terragrunt.generated-credentials',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: [TERRAGRUNT_CONFIGURATION],
      attributes: ['generate.**'],
      values: [
        {
          attribute: 'generate.**',
          regex: '\\b(assume_role|role_arn|access_key|secret_key|token|profile|credentials)\\b',
        },
      ],
    },
    'Changes Terraform code that Terragrunt generates with credentials in it (a provider with assume_role, keys or a profile): the run acts as someone else.',
  ),
  rule(
    'terraform-control.terragrunt.configuration',
    'high',
    { kinds: ['resource'], resourceTypes: [TERRAGRUNT_CONFIGURATION] },
    "Changes a terragrunt.hcl beyond its module's inputs: hooks run commands, generate writes Terraform code, include and dependency bring in other values, iam_role sets whom the run acts as.",
  ),
  rule(
    'terraform-control.terraform.hcl-configuration',
    'high',
    { files: ['**/!(*.tftest|*.tfmock|*.pkr|terragrunt|root|.terraform.lock|.tflint).hcl', '**/terragrunt.hcl.json'] },
    "Changes an HCL file that is not Terraform's: a Terragrunt file deployments read (env.hcl, account.hcl, _envcommon/*.hcl), whose values they take where no reader Four Eyes follows shows.",
  ),
  rule(
    'terraform-control.terraform.removed-block',
    'high',
    { kinds: ['removed'] },
    'A removed block makes Terraform forget (or with destroy = true, destroy) existing infrastructure.',
  ),
  rule(
    'terraform-control.terraform.removed-with-destroy',
    'critical',
    { kinds: ['removed'], values: [{ attribute: 'lifecycle.destroy', equals: true }] },
    'A removed block with lifecycle.destroy = true destroys the infrastructure it names.',
  ),
  rule(
    'terraform-control.terraform.import-block',
    'high',
    { kinds: ['import'] },
    'An import block adopts existing infrastructure: the next apply changes (or replaces) it to match this code.',
  ),
  rule(
    'terraform-control.terraform.provisioner',
    'high',
    { kinds: ['resource'], attributes: ['provisioner.**', 'connection.**'] },
    "A provisioner runs commands on the machine that applies Terraform or on a remote host, with the run's credentials and network access.",
  ),
  rule(
    'terraform-control.terraform.external-program',
    'high',
    { kinds: ['data', 'resource'], resourceTypes: ['external', 'shell_script', 'shell_*'] },
    'Runs an external program during plan or apply: it executes with the credentials of the Terraform run, even on a pull request plan.',
  ),
  rule(
    'terraform-control.terraform.outbound-request',
    'high',
    {
      kinds: ['data', 'resource'],
      actions: ['create', 'update', 'move'],
      resourceTypes: ['http', 'dns_*', 'tls_certificate', 'terracurl_*'],
    },
    'Sends a request at plan time to an address the code names: whatever its URL, headers or body carry (a secret too) leaves the run before anyone approves.',
  ),
  rule(
    'terraform-control.aws.lambda-invocation',
    'high',
    {
      kinds: ['data', 'resource', 'ephemeral'],
      actions: ['create', 'update', 'move'],
      resourceTypes: ['aws_lambda_invocation'],
    },
    'Invokes a Lambda function (a data source or an ephemeral one does at every plan): its code runs with its role, and the input the code passes, a secret too, leaves the run.',
  ),
  rule(
    'terraform-control.aws.cloudformation-stack',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_cloudformation_stack',
        'aws_cloudformation_stack_set',
        'aws_cloudformation_stack_set_instance',
        'aws_cloudformation_stack_instances',
        'aws_cloudformation_type',
        'aws_serverlessapplicationrepository_cloudformation_stack',
      ],
    },
    'Deploys a CloudFormation stack, stack set or extension: its template creates resources (IAM roles, network openings) that no Terraform rule sees one by one; read the template as code.',
  ),
  ...(
    [
      ['azapi', ['azapi_resource', 'azapi_update_resource', 'azapi_resource_action', 'azapi_data_plane_resource']],
      ['aws', ['aws_cloudcontrolapi_resource']],
      ['azurerm', ['azurerm_*template_deployment']],
      ['google', ['google_deployment_manager_deployment']],
    ] as const
  ).map(([provider, types]) =>
    rule(
      `terraform-control.${provider}.generic-resource`,
      'medium',
      { kinds: ['resource'], resourceTypes: [...types] },
      'Makes a resource through a generic API or template (AzAPI, Cloud Control, ARM, Deployment Manager): its type and body decide what it is, and no rule of its own judges it.',
    ),
  ),
  rule(
    'terraform-control.azapi.security-resource',
    'high',
    {
      resourceTypes: ['azapi_*'],
      values: [
        // Access, networks, keys and identities, and a command run on a machine.
        { attribute: 'type', regex: AZURE_SECURITY_TYPES, ignoreCase: true, widenedBy: ['body', 'body.**', 'action'] },
        { attribute: 'action', regex: '^runCommand$', ignoreCase: true, widenedBy: ['body', 'body.**'] },
      ],
    },
    'Makes a role assignment, network opening, key vault, identity or security setting (or runs a command on a machine) through the Azure API: access to the scope changes.',
  ),
  rule(
    'terraform-control.aws.security-resource',
    'high',
    {
      resourceTypes: ['aws_cloudcontrolapi_resource'],
      values: [{ attribute: 'type_name', regex: AWS_SECURITY_TYPES, widenedBy: ['desired_state', 'desired_state.**'] }],
    },
    'Makes an IAM, security group, network ACL, key, secret or access policy resource through Cloud Control: access to the account changes.',
  ),
  rule(
    'terraform-control.terraform.ephemeral-resource',
    'medium',
    { kinds: ['ephemeral'], actions: ['create', 'update', 'move'] },
    "Opens an ephemeral resource at every plan and apply (a secret read, a token minted): it acts with the run's credentials before anyone approves, and hands its value to what reads it.",
  ),
  rule(
    'terraform-control.terraform.action',
    'high',
    { kinds: ['action'], actions: ['create', 'update', 'move'] },
    "Declares a provider action (a function invoked, instances stopped, a cache invalidated): it runs at apply when a resource's action_trigger fires, or on apply -invoke, with the run's credentials.",
  ),
  rule(
    'terraform-control.terraform.action-trigger',
    'high',
    {
      kinds: ['resource'],
      actions: ['create', 'update', 'move'],
      attributes: ['lifecycle.action_trigger*', 'lifecycle.action_trigger*.**'],
    },
    "Changes when a resource triggers provider actions (lifecycle action_trigger): what the actions do runs at apply, with the run's credentials.",
  ),
  rule(
    'terraform-control.terraform.check-request',
    'high',
    { kinds: ['check'], actions: ['create', 'update', 'move'], attributes: ['data.**'] },
    'A check block reads a data source at every plan (an HTTP request, a lookup): whatever its arguments carry, a secret too, leaves the run before anyone approves.',
  ),
  rule(
    'terraform-control.terraform.fetched-value',
    'high',
    {
      kinds: ['resource', 'module', 'provider'],
      values: [{ attribute: '**', regex: '\\bdata\\.(http|external)\\.' }],
    },
    'A value comes from a URL (data "http") or a program (data "external") at plan time: whatever that source returns is applied, unreviewed.',
  ),
  rule(
    'terraform-control.terraform.remote-state',
    'medium',
    { kinds: ['data'], resourceTypes: ['terraform_remote_state'] },
    "Reads another configuration's state: its outputs, possibly secrets, flow into this one.",
  ),
];
