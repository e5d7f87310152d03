import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

function bucketAcl(acl: string): string {
  return `resource "aws_s3_bucket_acl" "b" {\n  bucket = "logs"\n  acl    = "${acl}"\n}\n`;
}

const ENDPOINT_PRINCIPAL = `
resource "aws_vpc_endpoint_service_allowed_principal" "p" {
  vpc_endpoint_service_id = "vpce-svc-1"
  principal_arn           = "PRINCIPAL"
}
`;

/** A Cloud SQL instance with one argument of its IP configuration. */
function cloudSql(setting: string): string {
  return `resource "google_sql_database_instance" "db" {\n  name = "db"\n  settings {\n    ip_configuration {\n      ${setting}\n    }\n  }\n}\n`;
}

const cases: Case[] = [
  [
    'a private bucket ACL is high, not public',
    ...created(bucketAcl('private')),
    [['aws_s3_bucket_acl.b', 'data-exposure.aws.bucket-acl', 'high']],
  ],
  [
    'a public-read bucket ACL is critical',
    ...created(bucketAcl('public-read')),
    [
      ['aws_s3_bucket_acl.b', 'data-exposure.aws.public-acl', 'critical'],
      ['aws_s3_bucket_acl.b', 'data-exposure.aws.bucket-acl', 'high'],
    ],
  ],
  [
    'changing an ACL from private to public-read-write is critical',
    { 'main.tf': bucketAcl('private') },
    { 'main.tf': bucketAcl('public-read-write') },
    [
      ['aws_s3_bucket_acl.b', 'data-exposure.aws.public-acl', 'critical'],
      ['aws_s3_bucket_acl.b', 'data-exposure.aws.bucket-acl', 'high'],
    ],
  ],
  [
    'a bucket policy for one account is high',
    ...created(`
resource "aws_s3_bucket_policy" "p" {
  bucket = "logs"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::logs/*" }]
  })
}
`),
    [['aws_s3_bucket_policy.p', 'data-exposure.aws.resource-policy', 'high']],
  ],
  [
    'a bucket policy for Principal "*" is critical',
    ...created(`
resource "aws_s3_bucket_policy" "p" {
  bucket = "site"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::site/*" }]
  })
}
`),
    [
      ['aws_s3_bucket_policy.p', 'data-exposure.aws.public-principal', 'critical'],
      ['aws_s3_bucket_policy.p', 'data-exposure.aws.resource-policy', 'high'],
    ],
  ],
  [
    'a VPC endpoint service allowing every AWS account ("*") is critical',
    { 'main.tf': ENDPOINT_PRINCIPAL.replace('PRINCIPAL', 'arn:aws:iam::111122223333:root') },
    { 'main.tf': ENDPOINT_PRINCIPAL.replace('PRINCIPAL', '*') },
    [
      ['aws_vpc_endpoint_service_allowed_principal.p', 'data-exposure.aws.public-principal', 'critical'],
      ['aws_vpc_endpoint_service_allowed_principal.p', 'identity.aws.grants', 'high'],
      ['aws_vpc_endpoint_service_allowed_principal.p', 'network.aws.gateways', 'high'],
    ],
  ],
  [
    'a VPC endpoint service whose allowed_principals holds "*" is critical',
    ...created(`
resource "aws_vpc_endpoint_service" "s" {
  acceptance_required = false
  allowed_principals  = ["*"]
}
`),
    [
      ['aws_vpc_endpoint_service.s', 'data-exposure.aws.public-principal', 'critical'],
      ['aws_vpc_endpoint_service.s', 'network.aws.gateways', 'high'],
    ],
  ],
  [
    'a policy document with principals identifiers ["*"] is critical',
    ...created(`
data "aws_iam_policy_document" "public" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:q"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
`),
    [
      ['data.aws_iam_policy_document.public', 'data-exposure.aws.public-principal', 'critical'],
      ['data.aws_iam_policy_document.public', 'identity.aws.iam-policy-document', 'high'],
    ],
  ],
  [
    'a public access block with every guard on is high',
    ...created(`
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = "logs"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`),
    [['aws_s3_bucket_public_access_block.b', 'data-exposure.aws.public-access-block', 'high']],
  ],
  [
    'turning block_public_policy off is critical',
    ...created(`
resource "aws_s3_bucket_public_access_block" "b" {
  bucket              = "site"
  block_public_policy = false
}
`),
    [
      ['aws_s3_bucket_public_access_block.b', 'data-exposure.aws.public-access-block-off', 'critical'],
      ['aws_s3_bucket_public_access_block.b', 'data-exposure.aws.public-access-block', 'high'],
    ],
  ],
  [
    'deleting a public access block is critical',
    { 'main.tf': 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "logs"\n}\n' },
    {},
    [
      ['aws_s3_bucket_public_access_block.b', 'data-exposure.aws.public-access-block-removed', 'critical'],
      ['aws_s3_bucket_public_access_block.b', 'data-exposure.aws.public-access-block', 'high'],
    ],
  ],
  [
    'ownership controls are high',
    ...created('resource "aws_s3_bucket_ownership_controls" "o" {\n  bucket = "logs"\n}\n'),
    [['aws_s3_bucket_ownership_controls.o', 'data-exposure.aws.bucket-acl', 'high']],
  ],
  [
    'sharing an AMI with one account is high',
    ...created(
      'resource "aws_ami_launch_permission" "p" {\n  image_id   = "ami-1"\n  account_id = "111122223333"\n}\n',
    ),
    [['aws_ami_launch_permission.p', 'data-exposure.aws.sharing', 'high']],
  ],
  [
    'sharing an AMI with everyone is critical',
    ...created('resource "aws_ami_launch_permission" "p" {\n  image_id = "ami-1"\n  group    = "all"\n}\n'),
    [
      ['aws_ami_launch_permission.p', 'data-exposure.aws.shared-publicly', 'critical'],
      ['aws_ami_launch_permission.p', 'data-exposure.aws.sharing', 'high'],
    ],
  ],
  [
    'a copy of a database snapshot shared with everyone is critical',
    ...created(
      'resource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = "a"\n  target_db_snapshot_identifier = "b"\n  shared_accounts               = ["all"]\n}\n',
    ),
    [
      ['aws_db_snapshot_copy.c', 'data-exposure.aws.shared-publicly', 'critical'],
      ['aws_db_snapshot_copy.c', 'data-exposure.aws.snapshot-shared', 'high'],
    ],
  ],
  [
    'a database cluster snapshot shared with another account is high: it can restore the whole database',
    ...edited(
      'resource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "db"\n  db_cluster_snapshot_identifier = "s"\n  shared_accounts                = []\n}\n',
      '[]',
      '["999999999999"]',
    ),
    [['aws_db_cluster_snapshot.s', 'data-exposure.aws.snapshot-shared', 'high']],
  ],
  [
    'a publicly accessible database is critical',
    ...created('resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n'),
    [['aws_db_instance.db', 'data-exposure.aws.publicly-accessible-database', 'critical']],
  ],
  [
    'a private database is low',
    ...created('resource "aws_db_instance" "db" {\n  publicly_accessible = false\n  storage_encrypted   = true\n}\n'),
    [['aws_db_instance.db', 'default', 'low']],
  ],
  [
    'an unencrypted database is high',
    ...created('resource "aws_db_instance" "db" {\n  storage_encrypted = false\n}\n'),
    [['aws_db_instance.db', 'data-exposure.aws.encryption-off', 'high']],
  ],
  [
    "the region's default EBS encryption turned off is high",
    ...edited('resource "aws_ebs_encryption_by_default" "e" {\n  enabled = true\n}\n', 'true', 'false'),
    [['aws_ebs_encryption_by_default.e', 'data-exposure.aws.default-encryption-off', 'high']],
  ],
  [
    "the region's default EBS encryption turned back on is a removed match: medium",
    ...edited('resource "aws_ebs_encryption_by_default" "e" {\n  enabled = false\n}\n', 'false', 'true'),
    [['aws_ebs_encryption_by_default.e', 'data-exposure.aws.default-encryption-off', 'medium']],
  ],
  ...[
    ['ssl_mode', '"ENCRYPTED_ONLY"', '"ALLOW_UNENCRYPTED_AND_ENCRYPTED"'],
    ['require_ssl', 'true', 'false'],
  ].map(
    ([argument, before, after]): Case => [
      `a Cloud SQL instance taking connections without TLS (${argument}) is high`,
      { 'main.tf': cloudSql(`${argument} = ${before}`) },
      { 'main.tf': cloudSql(`${argument} = ${after}`) },
      [['google_sql_database_instance.db', 'data-exposure.google.sql-unencrypted-connections', 'high']],
    ],
  ),
  [
    'a bucket IAM member for allUsers is critical',
    ...created(`
resource "google_storage_bucket_iam_member" "public" {
  bucket = "site"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`),
    [
      ['google_storage_bucket_iam_member.public', 'data-exposure.google.public-member', 'critical'],
      ['google_storage_bucket_iam_member.public', 'identity.google.iam', 'high'],
    ],
  ],
  [
    'a bucket ACL for READER:allAuthenticatedUsers is critical',
    ...created(`
resource "google_storage_bucket_acl" "acl" {
  bucket      = "site"
  role_entity = ["OWNER:project-owners-1", "READER:allAuthenticatedUsers"]
}
`),
    [
      ['google_storage_bucket_acl.acl', 'data-exposure.google.public-member', 'critical'],
      ['google_storage_bucket_acl.acl', 'data-exposure.google.acl', 'high'],
    ],
  ],
  [
    'a bucket ACL for a group is high',
    ...created(`
resource "google_storage_bucket_acl" "acl" {
  bucket      = "site"
  role_entity = ["READER:group-devs@example.com"]
}
`),
    [['google_storage_bucket_acl.acl', 'data-exposure.google.acl', 'high']],
  ],
  [
    'a public blob container is critical',
    ...created('resource "azurerm_storage_container" "c" {\n  container_access_type = "blob"\n}\n'),
    [['azurerm_storage_container.c', 'data-exposure.azurerm.public-blob-access', 'critical']],
  ],
  [
    'a private blob container is low',
    ...created('resource "azurerm_storage_container" "c" {\n  container_access_type = "private"\n}\n'),
    [['azurerm_storage_container.c', 'default', 'low']],
  ],
  [
    'a public GitHub repository is critical',
    ...created('resource "github_repository" "r" {\n  visibility = "public"\n}\n'),
    [['github_repository.r', 'data-exposure.github.repository-visibility', 'critical']],
  ],
];

describe('data exposure catalog', () => {
  runCases(cases);
});
