import { describe } from 'vitest';
import { type Case, runCases } from './support.js';

function resource(type: string, body: string): string {
  return `resource "${type}" "x" {\n${body}}\n`;
}

/** Base and head of one resource whose body changes from `before` to `after`. */
function edited(type: string, before: string, after: string): [Record<string, string>, Record<string, string>] {
  return [{ 'main.tf': resource(type, before) }, { 'main.tf': resource(type, after) }];
}

const cases: Case[] = [
  [
    'renaming an RDS instance destroys it: critical',
    ...edited('aws_db_instance', '  identifier = "orders"\n', '  identifier = "orders-v2"\n'),
    [['aws_db_instance.x', 'destruction.aws.store-replaced', 'critical']],
  ],
  [
    'renaming a DynamoDB table destroys it: critical',
    ...edited(
      'aws_dynamodb_table',
      '  name     = "orders"\n  hash_key = "id"\n',
      '  name     = "orders2"\n  hash_key = "id"\n',
    ),
    [['aws_dynamodb_table.x', 'destruction.aws.store-replaced', 'critical']],
  ],
  [
    'another bucket name destroys the bucket: critical',
    ...edited('aws_s3_bucket', '  bucket = "acme-data"\n', '  bucket = "acme-data-2"\n'),
    [['aws_s3_bucket.x', 'destruction.aws.store-replaced', 'critical']],
  ],
  [
    'an EBS volume moved to another availability zone is a new, empty volume: critical',
    ...edited(
      'aws_ebs_volume',
      '  availability_zone = "eu-west-1a"\n  size              = 100\n',
      '  availability_zone = "eu-west-1b"\n  size              = 100\n',
    ),
    [['aws_ebs_volume.x', 'destruction.aws.store-moved', 'critical']],
  ],
  [
    'encrypting an unencrypted RDS instance replaces it: critical',
    ...edited(
      'aws_db_instance',
      '  identifier        = "orders"\n  storage_encrypted = false\n',
      '  identifier        = "orders"\n  storage_encrypted = true\n',
    ),
    [
      ['aws_db_instance.x', 'destruction.aws.store-moved', 'critical'],
      ['aws_db_instance.x', 'data-exposure.aws.encryption-off', 'medium'],
    ],
  ],
  [
    'a Cloud SQL instance in another region is a new one: critical',
    ...edited(
      'google_sql_database_instance',
      '  name   = "main"\n  region = "europe-west1"\n',
      '  name   = "main"\n  region = "europe-west4"\n',
    ),
    [['google_sql_database_instance.x', 'destruction.google.store-replaced', 'critical']],
  ],
  [
    'a storage account moved to another resource group is a new one: critical',
    ...edited(
      'azurerm_storage_account',
      '  name                = "acmedata"\n  resource_group_name = "rg-a"\n',
      '  name                = "acmedata"\n  resource_group_name = "rg-b"\n',
    ),
    [['azurerm_storage_account.x', 'destruction.azurerm.store-replaced', 'critical']],
  ],
  ...[
    ['engine', '"postgres"', '"mysql"'],
    ['db_name', '"orders"', '"orders2"'],
    ['username', '"admin"', '"root"'],
    ['snapshot_identifier', '"snap-1"', '"snap-2"'],
  ].map(
    ([argument, before, after]): Case => [
      `another ${argument} of an RDS instance is a new, empty database: critical`,
      ...edited(
        'aws_db_instance',
        `  identifier = "orders"\n  ${argument} = ${before}\n`,
        `  identifier = "orders"\n  ${argument} = ${after}\n`,
      ),
      [['aws_db_instance.x', 'destruction.aws.database-remade', 'critical']],
    ],
  ),
  [
    'another engine of an Aurora cluster is a new, empty cluster: critical',
    ...edited(
      'aws_rds_cluster',
      '  cluster_identifier = "orders"\n  engine = "aurora-mysql"\n',
      '  cluster_identifier = "orders"\n  engine = "aurora-postgresql"\n',
    ),
    [['aws_rds_cluster.x', 'destruction.aws.database-remade', 'critical']],
  ],
  // What providers change in place is not called a replacement.
  [
    'another engine version of an RDS instance is an upgrade in place: the default tier',
    ...edited(
      'aws_db_instance',
      '  identifier     = "orders"\n  engine_version = "15.4"\n',
      '  identifier     = "orders"\n  engine_version = "16.1"\n',
    ),
    [['aws_db_instance.x', 'default', 'low']],
  ],
  [
    'resizing an RDS instance is changed in place: the default tier',
    ...edited(
      'aws_db_instance',
      '  identifier     = "orders"\n  instance_class = "db.t3.small"\n',
      '  identifier     = "orders"\n  instance_class = "db.t3.large"\n',
    ),
    [['aws_db_instance.x', 'default', 'low']],
  ],
  [
    'a Redshift cluster relocated to another zone is changed in place: the default tier',
    ...edited(
      'aws_redshift_cluster',
      '  cluster_identifier = "dw"\n  availability_zone  = "eu-west-1a"\n',
      '  cluster_identifier = "dw"\n  availability_zone  = "eu-west-1b"\n',
    ),
    [['aws_redshift_cluster.x', 'default', 'low']],
  ],
  [
    'a renamed EC2 instance (not a data store) is no replacement finding',
    ...edited(
      'aws_instance',
      '  ami = "ami-1"\n  tags = {\n    Name = "a"\n  }\n',
      '  ami = "ami-1"\n  tags = {\n    Name = "b"\n  }\n',
    ),
    [['aws_instance.x', 'default', 'low']],
  ],
];

describe('destruction catalog: arguments that make the provider replace a data store', () => {
  runCases(cases);
});
