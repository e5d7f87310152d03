import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

const PROTECTED_BUCKET = `
resource "aws_s3_bucket" "state" {
  bucket = "tfstate"
  lifecycle {
    prevent_destroy = true
  }
}
`;
const UNPROTECTED_BUCKET = 'resource "aws_s3_bucket" "state" {\n  bucket = "tfstate"\n}\n';

function deleted(hcl: string): [Record<string, string>, Record<string, string>] {
  return [{ 'main.tf': hcl }, {}];
}

const cases: Case[] = [
  [
    'deleting an RDS instance is critical',
    ...deleted('resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n'),
    [['aws_db_instance.db', 'destruction.aws.database-delete', 'critical']],
  ],
  [
    'creating an RDS instance is low',
    ...created('resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n'),
    [['aws_db_instance.db', 'default', 'low']],
  ],
  [
    'deleting a DynamoDB table is critical',
    ...deleted('resource "aws_dynamodb_table" "locks" {\n  name = "locks"\n}\n'),
    [['aws_dynamodb_table.locks', 'destruction.aws.database-delete', 'critical']],
  ],
  [
    'deleting a bucket is critical',
    ...deleted(UNPROTECTED_BUCKET),
    [['aws_s3_bucket.state', 'destruction.aws.bucket-delete', 'critical']],
  ],
  [
    'deleting a bucket that had prevent_destroy is critical twice',
    ...deleted(PROTECTED_BUCKET),
    [
      ['aws_s3_bucket.state', 'destruction.aws.bucket-delete', 'critical'],
      ['aws_s3_bucket.state', 'destruction.terraform.protected-deleted', 'critical'],
    ],
  ],
  [
    'removing prevent_destroy is high',
    { 'main.tf': PROTECTED_BUCKET },
    { 'main.tf': UNPROTECTED_BUCKET },
    [['aws_s3_bucket.state', 'destruction.terraform.prevent-destroy-changed', 'high']],
  ],
  [
    'arming a database with replace_triggered_by is high: a later change of the trigger replaces it',
    { 'main.tf': 'resource "aws_db_instance" "main" {\n  identifier = "main"\n}\n' },
    {
      'main.tf':
        'resource "aws_db_instance" "main" {\n  identifier = "main"\n  lifecycle {\n    replace_triggered_by = [terraform_data.rotate]\n  }\n}\n',
    },
    [['aws_db_instance.main', 'destruction.terraform.replace-trigger-changed', 'high']],
  ],
  [
    'an EBS volume deletion is critical',
    ...deleted('resource "aws_ebs_volume" "v" {\n  size = 100\n}\n'),
    [['aws_ebs_volume.v', 'destruction.aws.volume-delete', 'critical']],
  ],
  [
    'deleting a KMS key is critical (and a KMS change)',
    ...deleted('resource "aws_kms_key" "k" {\n  description = "data"\n}\n'),
    [
      ['aws_kms_key.k', 'destruction.aws.key-delete', 'critical'],
      ['aws_kms_key.k', 'secrets.aws.kms', 'high'],
    ],
  ],
  [
    'deleting a hosted zone is critical (and a DNS change)',
    ...deleted('resource "aws_route53_zone" "z" {\n  name = "example.com"\n}\n'),
    [
      ['aws_route53_zone.z', 'destruction.aws.dns-zone-delete', 'critical'],
      ['aws_route53_zone.z', 'network.aws.dns', 'medium'],
    ],
  ],
  [
    'turning deletion protection off is high',
    ...created('resource "aws_rds_cluster" "c" {\n  deletion_protection = false\n}\n'),
    [['aws_rds_cluster.c', 'destruction.aws.protection-off', 'high']],
  ],
  [
    'force_destroy on a bucket is high',
    ...created('resource "aws_s3_bucket" "b" {\n  force_destroy = true\n}\n'),
    [['aws_s3_bucket.b', 'destruction.aws.protection-off', 'high']],
  ],
  [
    'suspending bucket versioning is high',
    ...created(`
resource "aws_s3_bucket_versioning" "v" {
  bucket = "tfstate"
  versioning_configuration {
    status = "Suspended"
  }
}
`),
    [['aws_s3_bucket_versioning.v', 'destruction.aws.protection-off', 'high']],
  ],
  [
    'enabled bucket versioning is low',
    ...created(`
resource "aws_s3_bucket_versioning" "v" {
  bucket = "tfstate"
  versioning_configuration {
    status = "Enabled"
  }
}
`),
    [['aws_s3_bucket_versioning.v', 'default', 'low']],
  ],
  [
    'deleting a Cloud SQL instance is critical',
    ...deleted('resource "google_sql_database_instance" "db" {\n  database_version = "POSTGRES_16"\n}\n'),
    [['google_sql_database_instance.db', 'destruction.google.database-delete', 'critical']],
  ],
  [
    'deleting a GCS bucket is critical',
    ...deleted('resource "google_storage_bucket" "b" {\n  name = "b"\n}\n'),
    [['google_storage_bucket.b', 'destruction.google.bucket-delete', 'critical']],
  ],
  [
    'deleting a Google project is critical',
    ...deleted('resource "google_project" "p" {\n  project_id = "p"\n}\n'),
    [['google_project.p', 'destruction.google.project-delete', 'critical']],
  ],
  [
    'deletion_protection = false on Cloud SQL is high',
    ...created('resource "google_sql_database_instance" "db" {\n  deletion_protection = false\n}\n'),
    [['google_sql_database_instance.db', 'destruction.google.protection-off', 'high']],
  ],
  [
    'deleting an Azure resource group is critical',
    ...deleted('resource "azurerm_resource_group" "rg" {\n  location = "westeurope"\n}\n'),
    [['azurerm_resource_group.rg', 'destruction.azurerm.resource-group-delete', 'critical']],
  ],
  [
    'deleting a storage account is critical',
    ...deleted('resource "azurerm_storage_account" "sa" {\n  account_tier = "Standard"\n}\n'),
    [['azurerm_storage_account.sa', 'destruction.azurerm.storage-delete', 'critical']],
  ],
  [
    'removing a management lock is high',
    ...deleted('resource "azurerm_management_lock" "l" {\n  lock_level = "CanNotDelete"\n}\n'),
    [['azurerm_management_lock.l', 'destruction.azurerm.lock-removed', 'high']],
  ],
  [
    'deleting a Kubernetes namespace is critical',
    ...deleted('resource "kubernetes_namespace" "ns" {\n  metadata {\n    name = "prod"\n  }\n}\n'),
    [['kubernetes_namespace.ns', 'destruction.kubernetes.delete', 'critical']],
  ],
  [
    'removing a module call is high',
    ...deleted('module "vpc" {\n  source = "./modules/vpc"\n}\n'),
    [['module.vpc', 'destruction.terraform.module-removed', 'high']],
  ],
];

describe('destruction catalog', () => {
  runCases(cases);
});
