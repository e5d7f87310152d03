import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Destruction: deleting what holds data cannot be undone by reverting the pull request. Deleting
 * stateful resources is `critical`; lifting the guards against it (prevent_destroy, deletion
 * protection, versioning, locks) is `high`.
 */

const DELETE = { kinds: ['resource' as const], actions: ['delete' as const] };

/** Google's databases and analytics stores, whose deletion (and replacement, replacement.ts) loses their data. */
export const GOOGLE_DATABASES = [
  'google_sql_database_instance',
  'google_sql_database',
  'google_spanner_instance',
  'google_spanner_database',
  'google_bigtable_instance',
  'google_bigtable_table',
  'google_bigquery_dataset',
  'google_bigquery_table',
];

export const DESTRUCTION_RULES: readonly Rule[] = [
  // Terraform itself
  rule(
    'destruction.terraform.prevent-destroy-changed',
    'high',
    { actions: ['update', 'move'], attributes: ['lifecycle.prevent_destroy'] },
    'Changes lifecycle.prevent_destroy: removing or disabling it lets a later plan destroy the resource without Terraform refusing.',
  ),
  rule(
    'destruction.terraform.replace-trigger-changed',
    'high',
    { kinds: ['resource'], actions: ['update', 'move'], attributes: ['lifecycle.replace_triggered_by'] },
    'Changes lifecycle.replace_triggered_by: whenever a resource it names changes, Terraform destroys this one and creates it anew, with any data it holds lost.',
  ),
  rule(
    'destruction.terraform.protected-deleted',
    'critical',
    {
      actions: ['delete'],
      values: [{ attribute: 'lifecycle.prevent_destroy', equals: true }],
    },
    'Deletes a resource that was marked prevent_destroy: someone decided it must never be destroyed by Terraform.',
  ),
  rule(
    'destruction.terraform.module-removed',
    'high',
    { kinds: ['module'], actions: ['delete'] },
    'Removes a module call: everything it manages will be destroyed, and HCL alone cannot see what that is; read the plan.',
  ),

  // AWS
  rule(
    'destruction.aws.database-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'aws_db_instance',
        'aws_rds_cluster',
        'aws_rds_cluster_instance',
        'aws_rds_global_cluster',
        'aws_dynamodb_table',
        'aws_dynamodb_global_table',
        'aws_dynamodb_table_replica',
        'aws_redshift_cluster',
        'aws_redshiftserverless_namespace',
        'aws_docdb_cluster',
        'aws_docdb_global_cluster',
        'aws_docdbelastic_cluster',
        'aws_neptune_cluster',
        'aws_neptune_global_cluster',
        'aws_neptunegraph_graph',
        'aws_elasticache_replication_group',
        'aws_elasticache_global_replication_group',
        'aws_elasticache_serverless_cache',
        'aws_memorydb_cluster',
        'aws_opensearch_domain',
        'aws_elasticsearch_domain',
        'aws_opensearchserverless_collection',
        'aws_keyspaces_keyspace',
        'aws_keyspaces_table',
        'aws_timestreamwrite_*',
        'aws_timestreaminfluxdb_db_instance',
        'aws_qldb_ledger',
        'aws_dax_cluster',
        'aws_msk_cluster',
        'aws_kinesis_stream',
        'aws_dsql_cluster',
        'aws_db_snapshot',
        'aws_db_cluster_snapshot',
        'aws_redshift_cluster_snapshot',
        'aws_lightsail_database',
      ],
    },
    'Deletes a database, data stream or its snapshot: the data is gone unless a backup outside Terraform exists.',
  ),
  rule(
    'destruction.aws.bucket-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'aws_s3_bucket',
        'aws_s3_directory_bucket',
        'aws_s3tables_table_bucket',
        'aws_s3tables_table',
        'aws_s3control_bucket',
        'aws_glacier_vault',
        'aws_backup_vault',
        'aws_backup_logically_air_gapped_vault',
        'aws_ecr_repository',
        'aws_lightsail_bucket',
      ],
    },
    'Deletes a bucket, backup vault or image repository: objects, backups (possibly Terraform state) and images are lost.',
  ),
  rule(
    'destruction.aws.volume-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'aws_ebs_volume',
        'aws_ebs_snapshot',
        'aws_ebs_snapshot_copy',
        'aws_efs_file_system',
        'aws_fsx_*_file_system',
        'aws_fsx_*_volume',
        'aws_fsx_backup',
        'aws_storagegateway_*volume',
        'aws_lightsail_disk',
      ],
    },
    'Deletes a volume, file system or snapshot: the data on it is lost.',
  ),
  rule(
    'destruction.aws.key-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'aws_kms_key',
        'aws_kms_external_key',
        'aws_kms_replica_key',
        'aws_kms_replica_external_key',
        'aws_secretsmanager_secret',
        'aws_acmpca_certificate_authority',
        'aws_cloudhsm_v2_cluster',
        'aws_paymentcryptography_key',
      ],
    },
    'Schedules an encryption key, secret or CA for deletion: everything encrypted with the key becomes unreadable once it is gone.',
  ),
  rule(
    'destruction.aws.dns-zone-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: ['aws_route53_zone', 'aws_route53domains_*domain', 'aws_service_discovery_*_namespace'],
    },
    'Deletes a DNS zone or domain: every name in it stops resolving, and a released domain can be taken by someone else.',
  ),
  rule(
    'destruction.aws.protection-off',
    'high',
    {
      resourceTypes: ['aws_*'],
      values: [
        ...valuesAt(
          [
            'deletion_protection',
            'deletion_protection_enabled',
            'enable_deletion_protection',
            'termination_protection',
            'disable_api_termination',
          ],
          { equals: false },
        ),
        ...valuesAt(['force_destroy', 'skip_final_snapshot'], { equals: true }),
        ...valuesAt(['versioning_configuration.status', 'versioning.enabled'], {
          regex: '^(Suspended|Disabled|false)$',
        }),
      ],
    },
    'Lowers a guard against data loss (deletion protection off, force_destroy, no final snapshot, versioning suspended).',
  ),
  rule(
    'destruction.aws.versioning-removed',
    'high',
    {
      ...DELETE,
      resourceTypes: [
        'aws_s3_bucket_versioning',
        'aws_s3_bucket_object_lock_configuration',
        'aws_backup_vault_lock_configuration',
      ],
    },
    'Removes bucket versioning, object lock or a backup vault lock: deleted or overwritten data can no longer be recovered.',
  ),
  rule(
    'destruction.aws.backup-retention',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_backup_plan',
        'aws_backup_selection',
        'aws_dlm_lifecycle_policy',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_backup_vault_lock_configuration',
        'aws_efs_backup_policy',
        'aws_opensearchserverless_lifecycle_policy',
      ],
    },
    'Changes backup plans, snapshot schedules or data lifecycle rules: shorter retention or a narrower selection deletes data or stops backups.',
  ),

  // Google Cloud
  rule(
    'destruction.google.database-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        ...GOOGLE_DATABASES,
        'google_firestore_database',
        'google_alloydb_cluster',
        'google_redis_cluster',
        'google_redis_instance',
        'google_datastream_stream',
        'google_pubsub_topic',
      ],
    },
    'Deletes a database, dataset, table or topic: the data is gone unless a backup outside Terraform exists.',
  ),
  rule(
    'destruction.google.bucket-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: ['google_storage_bucket', 'google_artifact_registry_repository', 'google_backup_dr_backup_vault'],
    },
    'Deletes a bucket, artifact repository or backup vault: objects, backups (possibly Terraform state) and images are lost.',
  ),
  rule(
    'destruction.google.volume-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'google_compute_disk',
        'google_compute_region_disk',
        'google_compute_snapshot',
        'google_compute_image',
        'google_filestore_instance',
        'google_filestore_backup',
        'google_filestore_snapshot',
        'google_netapp_volume',
        'google_netapp_volume_snapshot',
        'google_netapp_backup',
      ],
    },
    'Deletes a disk, file share, snapshot or image: the data on it is lost.',
  ),
  rule(
    'destruction.google.key-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'google_kms_crypto_key',
        'google_kms_crypto_key_version',
        'google_kms_key_ring',
        'google_secret_manager_*secret',
        'google_privateca_certificate_authority',
      ],
    },
    'Destroys an encryption key version, secret or CA: everything encrypted with the key becomes unreadable once it is gone.',
  ),
  rule(
    'destruction.google.dns-zone-delete',
    'critical',
    { ...DELETE, resourceTypes: ['google_dns_managed_zone'] },
    'Deletes a DNS zone: every name in it stops resolving.',
  ),
  rule(
    'destruction.google.project-delete',
    'critical',
    { ...DELETE, resourceTypes: ['google_project', 'google_folder'] },
    'Deletes a project or folder: everything in it is shut down and deleted after 30 days.',
  ),
  rule(
    'destruction.google.backup-retention',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_*resource_policy*',
        'google_netapp_backup_policy',
        'google_bigtable_gc_policy',
        'google_*backup_schedule',
        'google_backup_dr_*',
      ],
    },
    'Changes backup plans, snapshot schedules or garbage collection: shorter retention deletes data or stops backups.',
  ),
  rule(
    'destruction.google.protection-off',
    'high',
    {
      resourceTypes: ['google_*'],
      values: [
        ...valuesAt(
          [
            'deletion_protection',
            'settings.deletion_protection_enabled',
            'versioning.enabled',
            'enable_deletion_protection',
          ],
          { equals: false },
        ),
        ...valuesAt(['force_destroy', 'delete_contents_on_destroy'], { equals: true }),
        ...valuesAt(['deletion_policy'], { regex: '^(DELETE|ABANDON)$' }),
      ],
    },
    'Lowers a guard against data loss (deletion protection off, force_destroy, versioning off).',
  ),

  // Azure
  rule(
    'destruction.azurerm.database-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'azurerm_mssql_server',
        'azurerm_mssql_database',
        'azurerm_mssql_managed_instance',
        'azurerm_mssql_managed_database',
        'azurerm_*sql*_server',
        'azurerm_*sql*_database',
        'azurerm_postgresql_*server',
        'azurerm_mysql_*server',
        'azurerm_cosmosdb_account',
        'azurerm_cosmosdb_*_database',
        'azurerm_cosmosdb_*_container',
        'azurerm_cosmosdb_*_table',
        'azurerm_cosmosdb_*_keyspace',
        'azurerm_cosmosdb_*_collection',
        'azurerm_kusto_cluster',
        'azurerm_kusto_database',
        'azurerm_synapse_workspace',
        'azurerm_synapse_sql_pool',
        'azurerm_redis_cache',
        'azurerm_managed_redis',
        'azurerm_eventhub_namespace',
      ],
    },
    'Deletes a database, database server or account: the data is gone unless a backup outside Terraform exists.',
  ),
  rule(
    'destruction.azurerm.storage-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'azurerm_storage_account',
        'azurerm_storage_container',
        'azurerm_storage_share',
        'azurerm_storage_data_lake_gen2_filesystem',
        'azurerm_managed_disk',
        'azurerm_snapshot',
        'azurerm_netapp_volume',
        'azurerm_recovery_services_vault',
        'azurerm_data_protection_backup_vault',
        'azurerm_container_registry',
      ],
    },
    'Deletes a storage account, container, disk, snapshot or backup vault: the data (possibly Terraform state) is lost.',
  ),
  rule(
    'destruction.azurerm.key-delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: [
        'azurerm_key_vault',
        'azurerm_key_vault_key',
        'azurerm_key_vault_managed_hardware_security_module*',
      ],
    },
    'Deletes a key vault or key: everything encrypted with it becomes unreadable once it is purged.',
  ),
  rule(
    'destruction.azurerm.dns-zone-delete',
    'critical',
    { ...DELETE, resourceTypes: ['azurerm_dns_zone', 'azurerm_private_dns_zone'] },
    'Deletes a DNS zone: every name in it stops resolving.',
  ),
  rule(
    'destruction.azurerm.resource-group-delete',
    'critical',
    { ...DELETE, resourceTypes: ['azurerm_resource_group', 'azurerm_subscription'] },
    'Deletes a resource group or subscription: Azure deletes everything in it, including resources Terraform does not manage.',
  ),
  rule(
    'destruction.azurerm.lock-removed',
    'high',
    { kinds: ['resource'], resourceTypes: ['azurerm_management_lock', 'azurerm_*resource_guard*'] },
    'Changes a management lock or resource guard: without it, resources (and backups) can be deleted.',
  ),
  rule(
    'destruction.azurerm.backup-retention',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_backup_policy_*',
        'azurerm_data_protection_backup_policy_*',
        'azurerm_netapp_*_policy',
        'azurerm_storage_management_policy',
        'azurerm_storage_container_immutability_policy',
        'azurerm_site_recovery_*replication_policy*',
        'azurerm_backup_protected_*',
      ],
    },
    'Changes backup, replication, immutability or lifecycle policies: shorter retention deletes data or stops backups.',
  ),
  rule(
    'destruction.azurerm.protection-off',
    'high',
    {
      resourceTypes: ['azurerm_*'],
      values: valuesAt(
        [
          'purge_protection_enabled',
          'soft_delete_enabled',
          'blob_properties.versioning_enabled',
          'immutability_policy.locked',
        ],
        { equals: false },
      ),
    },
    'Lowers a guard against data loss (purge protection, soft delete or versioning off).',
  ),

  // Kubernetes, GitHub, Vault
  rule(
    'destruction.kubernetes.delete',
    'critical',
    {
      ...DELETE,
      resourceTypes: ['kubernetes_namespace*', 'kubernetes_persistent_volume*', 'kubernetes_stateful_set*'],
    },
    'Deletes a namespace, persistent volume or stateful set: Kubernetes deletes everything in it, data included.',
  ),
  rule(
    'destruction.github.repository-delete',
    'critical',
    { ...DELETE, resourceTypes: ['github_repository'] },
    'Deletes a GitHub repository (unless archive_on_destroy is set): code, issues, pull requests and history are gone.',
  ),
  rule(
    'destruction.vault.mount-delete',
    'critical',
    { ...DELETE, resourceTypes: ['vault_mount', 'vault_*_secret_backend', 'vault_namespace'] },
    'Deletes a Vault secrets engine or namespace: every secret in it is gone.',
  ),
];
