import type { Rule } from '../../model/policy.js';
import { GOOGLE_DATABASES } from './destruction.js';
import { rule } from './rule.js';

/**
 * Replacement: a provider cannot change some arguments of a data store in place (its name or
 * identifier, where it lives, how its storage is encrypted), so Terraform destroys it and creates
 * an empty one (and one given another provider configuration is created anew there). Renaming a database loses its data as surely as deleting it; the update looks
 * harmless in the code. Each rule pairs types with arguments that force replacement for every one
 * of them (from the providers' schemas), so the claim is never made of an argument one of them
 * can change in place. The plan says it exactly (docs/plans.md).
 */

/** What the change itself does to the object: one given another provider is created there, not replaced here. */
const REPLACED = {
  kinds: ['resource' as const],
  actions: ['update' as const, 'move' as const],
  changedOnly: true as const,
};

/** RDS instances and clusters: renamed, moved or re-encrypted, each is a new, empty one. */
const RDS = ['aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance'];

const REPLACED_RATIONALE =
  'Changes an argument the provider cannot change in place (name, identifier, location, encryption): Terraform replaces the data store with a new, empty one.';

export const REPLACEMENT_RULES: readonly Rule[] = [
  rule(
    'destruction.aws.store-replaced',
    'critical',
    {
      ...REPLACED,
      resourceTypes: [
        ...RDS,
        'aws_rds_global_cluster',
        'aws_dynamodb_table',
        'aws_redshift_cluster',
        'aws_docdb_cluster',
        'aws_neptune_cluster',
        'aws_elasticache_replication_group',
        'aws_memorydb_cluster',
        'aws_opensearch_domain',
        'aws_elasticsearch_domain',
        'aws_keyspaces_keyspace',
        'aws_keyspaces_table',
        'aws_qldb_ledger',
        'aws_dax_cluster',
        'aws_msk_cluster',
        'aws_kinesis_stream',
        'aws_s3_bucket',
        'aws_ecr_repository',
        'aws_backup_vault',
        'aws_glacier_vault',
        'aws_efs_file_system',
        'aws_timestreamwrite_database',
        'aws_timestreamwrite_table',
      ],
      attributes: [
        'name',
        'name_prefix',
        'identifier',
        'identifier_prefix',
        'cluster_identifier',
        'cluster_identifier_prefix',
        'global_cluster_identifier',
        'replication_group_id',
        'cluster_name',
        'domain_name',
        'keyspace_name',
        'table_name',
        'database_name',
        'bucket',
        'bucket_prefix',
        'creation_token',
      ],
    },
    REPLACED_RATIONALE,
  ),
  rule(
    'destruction.aws.database-remade',
    'critical',
    {
      ...REPLACED,
      resourceTypes: RDS,
      // The engine, the database and master user it was created with, its character set and
      // time zone, the snapshot it was restored from: RDS sets them at creation only.
      attributes: [
        'engine',
        'db_name',
        'username',
        'master_username',
        'character_set_name',
        'nchar_character_set_name',
        'timezone',
        'snapshot_identifier',
      ],
    },
    'Changes what an RDS database was created with (engine, database name, master user, character set, time zone, snapshot), which RDS cannot change in place: Terraform replaces it with an empty one.',
  ),
  rule(
    'destruction.aws.store-moved',
    'critical',
    {
      ...REPLACED,
      resourceTypes: [...RDS, 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_ebs_volume', 'aws_efs_file_system'],
      attributes: ['availability_zone', 'availability_zone_name', 'storage_encrypted', 'encrypted', 'kms_key_id'],
    },
    'Moves a data store to another availability zone or changes its storage encryption, which the provider cannot do in place: Terraform replaces it with a new, empty one.',
  ),
  rule(
    'destruction.google.store-replaced',
    'critical',
    {
      ...REPLACED,
      resourceTypes: [
        ...GOOGLE_DATABASES,
        'google_alloydb_cluster',
        'google_redis_instance',
        'google_storage_bucket',
        'google_compute_disk',
        'google_compute_region_disk',
        'google_filestore_instance',
      ],
      attributes: [
        'name',
        'project',
        'region',
        'location',
        'zone',
        'instance',
        'instance_name',
        'dataset_id',
        'table_id',
        'cluster_id',
      ],
    },
    REPLACED_RATIONALE,
  ),
  rule(
    'destruction.azurerm.store-replaced',
    'critical',
    {
      ...REPLACED,
      resourceTypes: [
        'azurerm_mssql_server',
        'azurerm_mssql_database',
        'azurerm_mssql_managed_instance',
        'azurerm_postgresql_server',
        'azurerm_postgresql_flexible_server',
        'azurerm_mysql_flexible_server',
        'azurerm_cosmosdb_account',
        'azurerm_redis_cache',
        'azurerm_kusto_cluster',
        'azurerm_synapse_workspace',
        'azurerm_eventhub_namespace',
        'azurerm_storage_account',
        'azurerm_storage_container',
        'azurerm_storage_share',
        'azurerm_managed_disk',
        'azurerm_key_vault',
        'azurerm_recovery_services_vault',
        'azurerm_data_protection_backup_vault',
        'azurerm_container_registry',
      ],
      attributes: [
        'name',
        'location',
        'resource_group_name',
        'server_id',
        'storage_account_name',
        'storage_account_id',
      ],
    },
    REPLACED_RATIONALE,
  ),
];
