import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

const cases: Case[] = [
  [
    'a KMS key is high',
    ...created('resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'),
    [['aws_kms_key.k', 'secrets.aws.kms', 'high']],
  ],
  [
    'a Secrets Manager secret version is high',
    ...created('resource "aws_secretsmanager_secret_version" "v" {\n  secret_id = "s"\n}\n'),
    [['aws_secretsmanager_secret_version.v', 'secrets.aws.secrets-manager', 'high']],
  ],
  [
    'reading a secret value with a data source is high',
    ...created('data "aws_secretsmanager_secret_version" "db" {\n  secret_id = "db"\n}\n'),
    [['data.aws_secretsmanager_secret_version.db', 'secrets.aws.secret-read', 'high']],
  ],
  [
    'looking up a KMS key by alias is medium',
    ...created('data "aws_kms_key" "data" {\n  key_id = "alias/data"\n}\n'),
    [['data.aws_kms_key.data', 'secrets.aws.lookup', 'medium']],
  ],
  [
    'an SSM SecureString parameter is high',
    ...created(`
resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "SecureString"
  value = var.token
}
`),
    [['aws_ssm_parameter.token', 'secrets.aws.ssm-secure-string', 'high']],
  ],
  [
    'a plain String SSM parameter is low',
    ...created(`
resource "aws_ssm_parameter" "region" {
  name  = "/app/region"
  type  = "String"
  value = "eu-west-1"
}
`),
    [['aws_ssm_parameter.region', 'default', 'low']],
  ],
  [
    'a SecureString parameter made plain text is high: the secret is readable without the key',
    ...edited(
      'resource "aws_ssm_parameter" "token" {\n  name  = "/app/token"\n  type  = "SecureString"\n  value = var.token\n}\n',
      '"SecureString"',
      '"String"',
    ),
    [
      ['aws_ssm_parameter.token', 'data-exposure.aws.ssm-plaintext', 'high'],
      ['aws_ssm_parameter.token', 'secrets.aws.ssm-secure-string', 'medium'],
    ],
  ],
  [
    'a plain parameter whose value changes keeps its type: the default tier',
    ...edited(
      'resource "aws_ssm_parameter" "region" {\n  name  = "/app/region"\n  type  = "String"\n  value = "eu-west-1"\n}\n',
      'eu-west-1',
      'eu-west-2',
    ),
    [['aws_ssm_parameter.region', 'default', 'low']],
  ],
  [
    'instance metadata opened to requests without a token (IMDSv1) is high',
    ...edited(
      'resource "aws_launch_template" "t" {\n  name = "t"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n',
      '"required"',
      '"optional"',
    ),
    [['aws_launch_template.t', 'secrets.aws.instance-metadata-v1', 'high']],
  ],
  [
    'instance metadata requiring a token (IMDSv2) is the default tier',
    ...created(
      'resource "aws_instance" "i" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n',
    ),
    [['aws_instance.i', 'default', 'low']],
  ],
  [
    'an ACM certificate is medium',
    ...created('resource "aws_acm_certificate" "c" {\n  domain_name = "example.com"\n}\n'),
    [['aws_acm_certificate.c', 'secrets.aws.certificates', 'medium']],
  ],
  [
    'a private CA is high',
    ...created('resource "aws_acmpca_certificate_authority" "ca" {\n  type = "ROOT"\n}\n'),
    [['aws_acmpca_certificate_authority.ca', 'secrets.aws.certificate-authority', 'high']],
  ],
  [
    'an EC2 key pair is medium',
    ...created('resource "aws_key_pair" "k" {\n  public_key = "ssh-ed25519 AAAA"\n}\n'),
    [['aws_key_pair.k', 'secrets.aws.trusted-public-keys', 'medium']],
  ],
  [
    'a Google KMS crypto key is high',
    ...created('resource "google_kms_crypto_key" "k" {\n  name = "k"\n}\n'),
    [['google_kms_crypto_key.k', 'secrets.google.kms', 'high']],
  ],
  [
    'a Secret Manager secret is high',
    ...created('resource "google_secret_manager_secret" "s" {\n  secret_id = "s"\n}\n'),
    [['google_secret_manager_secret.s', 'secrets.google.secret-values', 'high']],
  ],
  [
    'a service account key is high',
    ...created('resource "google_service_account_key" "k" {\n  service_account_id = "sa"\n}\n'),
    [['google_service_account_key.k', 'secrets.google.credentials', 'high']],
  ],
  [
    'a Key Vault secret is high',
    ...created('resource "azurerm_key_vault_secret" "s" {\n  name = "s"\n}\n'),
    [['azurerm_key_vault_secret.s', 'secrets.azurerm.key-vault', 'high']],
  ],
  [
    'a storage account SAS token is high',
    ...created('data "azurerm_storage_account_sas" "sas" {\n  https_only = true\n}\n'),
    [['data.azurerm_storage_account_sas.sas', 'secrets.azurerm.credentials', 'high']],
  ],
  [
    'an Entra ID application password is high twice (credential and directory)',
    ...created('resource "azuread_application_password" "p" {\n  display_name = "ci"\n}\n'),
    [
      ['azuread_application_password.p', 'identity.azuread.directory', 'high'],
      ['azuread_application_password.p', 'secrets.azuread.credentials', 'high'],
    ],
  ],
  [
    'a Vault KV secret is high',
    ...created('resource "vault_kv_secret_v2" "s" {\n  name = "db"\n}\n'),
    [['vault_kv_secret_v2.s', 'secrets.vault.secrets', 'high']],
  ],
  [
    'a TLS private key is high',
    ...created('resource "tls_private_key" "k" {\n  algorithm = "ED25519"\n}\n'),
    [['tls_private_key.k', 'secrets.tls.private-key', 'high']],
  ],
  [
    'a self-signed certificate is medium',
    ...created('resource "tls_self_signed_cert" "c" {\n  validity_period_hours = 24\n}\n'),
    [['tls_self_signed_cert.c', 'secrets.tls.certificates', 'medium']],
  ],
  [
    'a Kubernetes secret is high',
    ...created('resource "kubernetes_secret_v1" "s" {\n  type = "Opaque"\n}\n'),
    [['kubernetes_secret_v1.s', 'secrets.kubernetes.secret', 'high']],
  ],
  [
    'a GitHub Actions secret is high',
    ...created('resource "github_actions_secret" "s" {\n  secret_name = "AWS_ROLE"\n}\n'),
    [['github_actions_secret.s', 'secrets.github.secrets', 'high']],
  ],
  [
    'marking outputs sensitive is only the default tier',
    { 'main.tf': 'output "endpoint" {\n  value = var.endpoint\n}\n' },
    { 'main.tf': 'output "endpoint" {\n  value     = var.endpoint\n  sensitive = true\n}\n' },
    [['output.endpoint', 'default', 'low']],
  ],
  [
    'a value revealed with nonsensitive() is high',
    { 'main.tf': 'output "token" {\n  value     = var.token\n  sensitive = true\n}\n' },
    { 'main.tf': 'output "token" {\n  value     = nonsensitive(var.token)\n  sensitive = true\n}\n' },
    [['output.token', 'secrets.terraform.nonsensitive', 'high']],
  ],
  [
    'a new output marked sensitive is only the default tier',
    {},
    { 'main.tf': 'output "token" {\n  value     = var.token\n  sensitive = true\n}\n' },
    [['output.token', 'default', 'low']],
  ],
];

describe('secrets catalog', () => {
  runCases(cases);
});
