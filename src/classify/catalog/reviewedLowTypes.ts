/**
 * Types whose names suggest privilege or exposure (keywords.ts) but that the catalog leaves at
 * the default tier on purpose, each with the reason. Data sources are keyed `data.<type>`, since
 * a data source and a resource of the same name differ (reading a bucket policy grants nothing).
 * The coverage test keeps this list honest: a type listed here must really be low, and every
 * other such type must match a rule above low.
 */

const ORACLE = '"acl" is part of the word Oracle: Oracle Database@Cloud infrastructure, not an access control list';
const LOOKUP =
  'a lookup of an existing object; what grants or exposes anything is the resource that uses it, which is classified';
const DOCUMENT = 'builds a JSON document only; the resource that applies it is classified';

export const REVIEWED_LOW_TYPES: Record<string, string> = {
  // AWS resources
  aws_app_cookie_stickiness_policy: 'load balancer session stickiness: which backend a client keeps talking to',
  aws_lb_cookie_stickiness_policy: 'load balancer session stickiness: which backend a client keeps talking to',
  aws_lightsail_lb_stickiness_policy: 'load balancer session stickiness: which backend a client keeps talking to',
  aws_proxy_protocol_policy: 'passes client connection details to backends (PROXY protocol); exposes nothing new',
  aws_appautoscaling_policy: 'capacity scaling rules; no access or exposure',
  aws_autoscaling_policy: 'capacity scaling rules; no access or exposure',
  aws_emr_managed_scaling_policy: 'capacity scaling rules; no access or exposure',
  aws_batch_scheduling_policy: 'fair-share scheduling of batch jobs; no access or exposure',
  aws_cloudfront_cache_policy: 'which request parts form the CDN cache key; the distribution itself is classified',
  aws_cloudfront_origin_request_policy:
    'which headers and cookies the CDN forwards to the origin; the distribution itself is classified',
  aws_cloudfront_continuous_deployment_policy:
    'splits CDN traffic to a staging distribution for testing; both distributions are classified',
  aws_cloudfront_key_value_store:
    'a key-value data store for CloudFront Functions; "key" is a data key, not a credential',
  aws_cloudfrontkeyvaluestore_key:
    'an entry of a CloudFront Functions key-value store; "key" is a data key, not a credential',
  aws_cloudfrontkeyvaluestore_keys_exclusive:
    'entries of a CloudFront Functions key-value store; "key" is a data key, not a credential',
  aws_cloudwatch_log_index_policy: 'which log fields are indexed for queries; logs are neither dropped nor exposed',
  aws_ecr_lifecycle_policy: 'expires old container images by count or age; images can be rebuilt from source',
  aws_imagebuilder_lifecycle_policy: 'expires old machine images built by Image Builder; they can be rebuilt',
  aws_keyspaces_keyspace:
    'a Cassandra keyspace (a database namespace); "key" is not a credential; deleting it is classified by destruction.aws.database-delete',
  aws_keyspaces_table:
    'a Cassandra table; "key" is not a credential; deleting it is classified by destruction.aws.database-delete',
  aws_resiliencehub_resiliency_policy:
    'recovery time and point objectives that Resilience Hub assesses against; configures no resource',
  aws_sqs_queue_redrive_policy:
    'where failed messages go (a dead-letter queue of the same owner); who may use the queues is classified',

  // AWS data sources
  'data.aws_batch_scheduling_policy': LOOKUP,
  'data.aws_caller_identity': 'reports which account and principal Terraform runs as; it changes nothing',
  'data.aws_cloudfront_cache_policy': LOOKUP,
  'data.aws_cloudfront_origin_request_policy': LOOKUP,
  'data.aws_cloudfront_response_headers_policy': LOOKUP,
  'data.aws_cloudwatch_log_data_protection_policy_document': DOCUMENT,
  'data.aws_ec2_public_ipv4_pool': LOOKUP,
  'data.aws_ec2_public_ipv4_pools': LOOKUP,
  'data.aws_ecr_lifecycle_policy_document': DOCUMENT,
  'data.aws_ecrpublic_images': LOOKUP,
  'data.aws_lb_trust_store': LOOKUP,
  'data.aws_memorydb_acl': LOOKUP,
  'data.aws_networkmanager_core_network_policy_document': DOCUMENT,
  'data.aws_opensearchserverless_access_policy': LOOKUP,
  'data.aws_opensearchserverless_lifecycle_policy': LOOKUP,
  'data.aws_opensearchserverless_security_policy': LOOKUP,
  'data.aws_route53_traffic_policy_document': DOCUMENT,
  'data.aws_s3_account_public_access_block': LOOKUP,
  'data.aws_s3_bucket_policy': LOOKUP,
  'data.aws_ses_domain_identity': LOOKUP,
  'data.aws_ses_email_identity': LOOKUP,
  'data.aws_sesv2_email_identity': LOOKUP,
  'data.aws_sesv2_email_identity_mail_from_attributes': LOOKUP,
  'data.aws_verifiedpermissions_policy_store': LOOKUP,
  'data.aws_vpclattice_auth_policy': LOOKUP,
  'data.aws_vpclattice_resource_policy': LOOKUP,

  // Azure resources
  azurerm_app_service_custom_hostname_binding:
    'binds a host name to a web app; the DNS record and the certificate are classified',
  azurerm_app_service_slot_custom_hostname_binding:
    'binds a host name to a web app slot; the DNS record and the certificate are classified',
  azurerm_cognitive_account_rai_policy: 'content filtering settings of an AI model deployment; no access or exposure',
  azurerm_cosmosdb_cassandra_keyspace:
    'a Cassandra keyspace (a database namespace); "key" is not a credential; deleting it is classified by destruction.azurerm.database-delete',
  azurerm_data_factory_linked_service_key_vault:
    'a connection definition; access to the vault is granted by its access policy or role assignment, which are classified',
  azurerm_mobile_network_sim_policy: 'quality-of-service settings for private 5G SIMs; no access or exposure',
  azurerm_network_function_collector_policy:
    'collects traffic telemetry for Azure Operator Insights; no access or exposure',
  azurerm_spring_cloud_build_pack_binding:
    'binds an APM or monitoring tool to Spring app builds; no access or exposure',
  azurerm_storage_blob_inventory_policy:
    'writes an inventory report of blobs into the same account; no access or exposure',
  azurerm_netapp_volume_group_oracle: ORACLE,
  azurerm_oracle_autonomous_database: ORACLE,
  azurerm_oracle_autonomous_database_backup: ORACLE,
  azurerm_oracle_autonomous_database_clone_from_backup: ORACLE,
  azurerm_oracle_autonomous_database_clone_from_database: ORACLE,
  azurerm_oracle_cloud_vm_cluster: ORACLE,
  azurerm_oracle_exadata_infrastructure: ORACLE,
  azurerm_oracle_exascale_database_storage_vault: ORACLE,
  azurerm_oracle_resource_anchor: ORACLE,

  // Azure data sources
  'data.azurerm_backup_policy_file_share': LOOKUP,
  'data.azurerm_backup_policy_vm': LOOKUP,
  'data.azurerm_mobile_network_sim_policy': LOOKUP,
  'data.azurerm_netapp_backup_policy': LOOKUP,
  'data.azurerm_netapp_snapshot_policy': LOOKUP,
  'data.azurerm_public_maintenance_configurations':
    'lists Azure maintenance windows; "public" means published by Azure',
  'data.azurerm_site_recovery_replication_policy': LOOKUP,
  'data.azurerm_storage_management_policy': LOOKUP,
  'data.azurerm_netapp_volume_group_oracle': ORACLE,
  'data.azurerm_oracle_adbs_character_sets': ORACLE,
  'data.azurerm_oracle_adbs_national_character_sets': ORACLE,
  'data.azurerm_oracle_autonomous_database': ORACLE,
  'data.azurerm_oracle_autonomous_database_backup': ORACLE,
  'data.azurerm_oracle_autonomous_database_backups': ORACLE,
  'data.azurerm_oracle_autonomous_database_clone_from_backup': ORACLE,
  'data.azurerm_oracle_autonomous_database_clone_from_database': ORACLE,
  'data.azurerm_oracle_cloud_vm_cluster': ORACLE,
  'data.azurerm_oracle_db_nodes': ORACLE,
  'data.azurerm_oracle_db_servers': ORACLE,
  'data.azurerm_oracle_db_system_shapes': ORACLE,
  'data.azurerm_oracle_exadata_infrastructure': ORACLE,
  'data.azurerm_oracle_exascale_database_storage_vault': ORACLE,
  'data.azurerm_oracle_gi_versions': ORACLE,
  'data.azurerm_oracle_resource_anchor': ORACLE,

  // Google Cloud resources
  google_compute_instance_group_membership:
    'adds a VM to an unmanaged instance group; what the group is exposed through (load balancers, firewalls) is classified',
  google_dataproc_autoscaling_policy: 'capacity scaling rules of a Dataproc cluster; no access or exposure',
  google_gemini_code_tools_setting_binding:
    'applies a Gemini for Google Cloud product setting (code tools) to a project; no IAM or network effect',
  google_gemini_data_sharing_with_google_setting_binding:
    'applies the Gemini data-sharing setting governed by the Google Cloud terms; no IAM or network effect',
  google_gemini_gemini_gcp_enablement_setting_binding:
    'applies a Gemini for Google Cloud product setting (enablement) to a project; no IAM or network effect',
  google_gemini_logging_setting_binding:
    'applies the Gemini prompt logging setting to a project; audit logs are classified separately',
  google_gemini_release_channel_setting_binding:
    'applies a Gemini for Google Cloud release channel to a project; no IAM or network effect',
  google_network_services_service_binding:
    'registers a Service Directory service with a service mesh; who may call it is set by classified policies',
  google_oracle_database_autonomous_database: ORACLE,
  google_oracle_database_cloud_exadata_infrastructure: ORACLE,
  google_oracle_database_cloud_vm_cluster: ORACLE,
  google_oracle_database_odb_network: ORACLE,
  google_oracle_database_odb_subnet: ORACLE,

  // Google Cloud data sources
  'data.google_access_context_manager_access_policy': LOOKUP,
  'data.google_compute_resource_policy': LOOKUP,
  'data.google_dns_keys': 'reads the public DNSSEC keys of a zone, which are published in DNS anyway',
  'data.google_gke_hub_membership': LOOKUP,
  'data.google_gke_hub_membership_binding': LOOKUP,
  'data.google_tags_tag_key': LOOKUP,
  'data.google_tags_tag_keys': LOOKUP,
  'data.google_vmwareengine_network_policy': LOOKUP,
  'data.google_oracle_database_autonomous_database': ORACLE,
  'data.google_oracle_database_autonomous_databases': ORACLE,
  'data.google_oracle_database_cloud_exadata_infrastructure': ORACLE,
  'data.google_oracle_database_cloud_exadata_infrastructures': ORACLE,
  'data.google_oracle_database_cloud_vm_cluster': ORACLE,
  'data.google_oracle_database_cloud_vm_clusters': ORACLE,
  'data.google_oracle_database_db_nodes': ORACLE,
  'data.google_oracle_database_db_servers': ORACLE,
};
