import type { Rule } from '../../model/policy.js';
import { DENY_STATEMENT, rule, valuesAt } from './rule.js';

/**
 * Data exposure: who outside the intended audience can read stored data. Resource policies,
 * ACLs, public-access blocks and sharing are `high`; anything granted to everyone (a `*`
 * principal, `public-read`, `allUsers`, a publicly accessible database) is `critical`.
 */

const AWS_RESOURCE_POLICY_TYPES = [
  'aws_*_resource_policy',
  'aws_s3_bucket_policy',
  'aws_s3control_*policy',
  'aws_s3tables_*policy',
  'aws_s3vectors_*policy',
  'aws_*_repository_policy',
  'aws_ecr_registry_policy',
  'aws_*_domain_policy',
  'aws_*_permissions_policy',
  'aws_*_access_policy',
  'aws_opensearchserverless_security_policy',
  'aws_acmpca_policy',
  'aws_api_gateway_rest_api_policy',
  'aws_backup_vault_policy',
  'aws_cloudwatch_event_bus_policy',
  'aws_cloudwatch_log_destination_policy',
  'aws_cloudwatch_log_delivery_destination_policy',
  'aws_efs_file_system_policy',
  'aws_media_store_container_policy',
  'aws_msk_cluster_policy',
  'aws_oam_sink_policy',
  'aws_sagemaker_model_package_group_policy',
  'aws_schemas_registry_policy',
  'aws_ses_identity_policy',
  'aws_sesv2_email_identity_policy',
  'aws_sns_topic_policy',
  'aws_sqs_queue_policy',
  'aws_sqs_queue_redrive_allow_policy',
  'aws_vpc_endpoint_policy',
  'aws_vpclattice_auth_policy',
  'aws_glacier_vault_lock',
  'aws_s3control_access_grant',
  'aws_s3control_access_grants_*',
  'aws_s3_access_point',
];

const PUBLIC_S3_ACL = '^(public-read|public-read-write|authenticated-read)$';
/** IAM members and ACL entities (`READER:allUsers`) for everyone, and the public predefined ACLs. */
const GOOGLE_PUBLIC = '(^|:)(allUsers|allAuthenticatedUsers)$|^publicRead(Write)?$';

export const DATA_EXPOSURE_RULES: readonly Rule[] = [
  // AWS
  rule(
    'data-exposure.aws.resource-policy',
    'high',
    { kinds: ['resource'], resourceTypes: AWS_RESOURCE_POLICY_TYPES },
    'Changes a resource policy (bucket, queue, topic, key, repository...): which principals, possibly in other accounts, can use the resource.',
  ),
  rule(
    'data-exposure.aws.public-principal',
    'critical',
    {
      resourceTypes: ['aws_*'],
      values: [
        // A Deny statement for everyone (DenyInsecureTransport) narrows access; it exposes nothing.
        { attribute: '**', key: 'Principal', equals: '*', unless: DENY_STATEMENT },
        ...valuesAt(['statement.principals.identifiers'], { equals: '*', unless: DENY_STATEMENT }),
        { attribute: '**', key: 'NotPrincipal', regex: '.', unless: DENY_STATEMENT },
        ...valuesAt(['statement.not_principals.identifiers'], { regex: '.', unless: DENY_STATEMENT }),
        // A permission resource is one grant: what it allows, on what, from where, all widen it.
        {
          attribute: 'principal',
          equals: '*',
          widenedBy: ['action', 'function_name', 'qualifier', 'source_*', 'principal_org_id', 'function_url_auth_type'],
        },
        // Every AWS account may connect to a VPC endpoint service: its network is theirs to reach.
        { attribute: 'principal_arn', equals: '*', widenedBy: ['vpc_endpoint_service_id'] },
        ...valuesAt(['allowed_principals'], { equals: '*' }),
      ],
    },
    'A policy grants access to every principal ("*", or NotPrincipal in an Allow statement: everyone but a list): unless a condition narrows it, anyone on the internet can use the resource.',
  ),
  rule(
    'data-exposure.aws.bucket-acl',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_s3_bucket_acl', 'aws_s3_bucket_ownership_controls', 'aws_s3_object_copy'],
    },
    'Changes S3 ACLs or object ownership (ObjectWriter re-enables ACLs): who can read or write objects.',
  ),
  rule(
    'data-exposure.aws.public-acl',
    'critical',
    {
      resourceTypes: ['aws_s3_*'],
      values: [
        ...valuesAt(['acl', 'canned_acl'], { regex: PUBLIC_S3_ACL }),
        { attribute: '**', regex: 'acs\\.amazonaws\\.com/groups/global/(AllUsers|AuthenticatedUsers)' },
      ],
    },
    'An S3 ACL grants public or any-AWS-account access (public-read, AllUsers, AuthenticatedUsers): the objects are readable by anyone.',
  ),
  rule(
    'data-exposure.aws.public-access-block',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_s3*_public_access_block',
        'aws_ebs_snapshot_block_public_access',
        'aws_ec2_image_block_public_access',
        'aws_emr_block_public_access_configuration',
      ],
    },
    'Changes a block-public-access guard: the setting that keeps buckets, snapshots and images from being made public by mistake.',
  ),
  rule(
    'data-exposure.aws.public-access-block-off',
    'critical',
    {
      resourceTypes: [
        'aws_s3*_public_access_block',
        'aws_ebs_snapshot_block_public_access',
        'aws_ec2_image_block_public_access',
        'aws_emr_block_public_access_configuration',
      ],
      values: [
        ...valuesAt(
          [
            'block_public_acls',
            'block_public_policy',
            'ignore_public_acls',
            'restrict_public_buckets',
            'block_public_security_group_rules',
          ],
          { equals: false },
        ),
        ...valuesAt(['state'], { equals: 'unblocked' }),
      ],
    },
    'Turns a block-public-access guard off: buckets, snapshots or images can then be made public.',
  ),
  rule(
    'data-exposure.aws.public-access-block-removed',
    'critical',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: [
        'aws_s3*_public_access_block',
        'aws_ebs_snapshot_block_public_access',
        'aws_ec2_image_block_public_access',
      ],
    },
    'Removes a block-public-access guard: buckets, snapshots or images can then be made public.',
  ),
  rule(
    'data-exposure.aws.sharing',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_ami_launch_permission',
        'aws_snapshot_create_volume_permission',
        'aws_ram_*',
        'aws_redshift_snapshot_copy_grant',
        'aws_redshift_data_share_*',
        'aws_redshift_endpoint_authorization',
        'aws_dataexchange_*',
        'aws_s3_bucket_replication_configuration',
      ],
    },
    'Shares or copies data to other accounts (AMI/snapshot permissions, RAM shares, data shares, replication): check every recipient.',
  ),
  rule(
    'data-exposure.aws.public-by-design',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_ecrpublic_*'] },
    'Publishes to the internet by design (a public container registry): everything pushed there is readable by anyone.',
  ),
  rule(
    'data-exposure.aws.cors-and-headers',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_cloudfront_response_headers_policy', 'aws_s3_bucket_cors_configuration'],
    },
    'Changes CORS or security response headers: other websites may read responses, or browser protections (HSTS, CSP) weaken.',
  ),
  rule(
    'data-exposure.aws.shared-publicly',
    'critical',
    {
      resourceTypes: [
        'aws_ami_launch_permission',
        'aws_snapshot_create_volume_permission',
        'aws_db_snapshot',
        'aws_db_snapshot_copy',
        'aws_db_cluster_snapshot',
        'aws_ami',
        'aws_ami_copy',
        'aws_ami_from_instance',
      ],
      values: [
        ...valuesAt(['group', 'account_id', 'shared_accounts'], { equals: 'all' }),
        { attribute: 'public', equals: true },
      ],
    },
    'Shares an image or snapshot with everyone ("all"): anyone can copy the data and whatever secrets it contains.',
  ),
  rule(
    'data-exposure.aws.snapshot-shared',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_db_snapshot', 'aws_db_snapshot_copy', 'aws_db_cluster_snapshot'],
      attributes: ['shared_accounts'],
    },
    'Shares a database snapshot with other accounts (shared_accounts): each can restore a full copy of the data.',
  ),
  rule(
    'data-exposure.aws.publicly-accessible-database',
    'critical',
    {
      resourceTypes: ['aws_*'],
      values: [{ attribute: 'publicly_accessible', equals: true }],
    },
    'Makes a database publicly accessible: it gets a public address and is reachable wherever security groups allow.',
  ),
  rule(
    'data-exposure.aws.encryption-off',
    'high',
    {
      resourceTypes: ['aws_*'],
      values: [
        ...valuesAt(
          [
            'storage_encrypted',
            'encrypted',
            'encryption_at_rest.enabled',
            'encrypt_at_rest.enabled',
            'at_rest_encryption_enabled',
            'transit_encryption_enabled',
            'node_to_node_encryption.enabled',
          ],
          { equals: false },
        ),
      ],
    },
    'Turns encryption off: data at rest or in transit is readable to whoever gets the disk, backup or traffic.',
  ),
  rule(
    'data-exposure.aws.default-encryption-off',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_ebs_encryption_by_default'],
      values: [{ attribute: 'enabled', equals: false }],
    },
    "Turns off the region's default EBS encryption: every volume and snapshot made from then on is unencrypted unless its own code says otherwise.",
  ),
  rule(
    'data-exposure.aws.ssm-plaintext',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_ssm_parameter'],
      actions: ['update', 'move'],
      changedOnly: true,
      attributes: ['type'],
      values: [{ attribute: 'type', regex: '^String(List)?$' }],
    },
    'Gives a parameter another plain-text type: when it was a SecureString, its value, a secret, is readable by whoever can read parameters, without the key.',
  ),

  // Google Cloud
  rule(
    'data-exposure.google.acl',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_storage_*acl',
        'google_storage_bucket_access_control',
        'google_storage_object_access_control',
        'google_storage_default_object_access_control',
        'google_bigquery_dataset_access',
        'google_bigquery_row_access_policy',
        'google_bigquery_datapolicy_*',
        'google_bigquery_analytics_hub_*',
      ],
    },
    'Changes storage ACLs, dataset access, row access or masking policies: who can read which data.',
  ),
  rule(
    'data-exposure.google.public-member',
    'critical',
    {
      resourceTypes: ['google_*'],
      values: [
        ...valuesAt(['binding.members', 'access.special_group', 'access.iam_member'], { regex: GOOGLE_PUBLIC }),
        // A member, binding or ACL resource is one grant: a new role or resource grants the public anew.
        ...valuesAt(
          [
            'member',
            'members',
            'entity',
            'role_entity',
            'special_group',
            'iam_member',
            'predefined_acl',
            'default_acl',
          ],
          { regex: GOOGLE_PUBLIC, widenedBy: ['**'] },
        ),
        { attribute: 'policy_data', key: 'members', regex: GOOGLE_PUBLIC },
      ],
    },
    'Grants access to allUsers or allAuthenticatedUsers: anyone on the internet (or with any Google account) gets it.',
  ),
  rule(
    'data-exposure.google.public-access-prevention-off',
    'high',
    {
      resourceTypes: ['google_storage_bucket'],
      values: [
        { attribute: 'public_access_prevention', equals: 'inherited' },
        { attribute: 'uniform_bucket_level_access', equals: false },
      ],
    },
    'Lets a bucket be made public (public access prevention inherited, or fine-grained ACLs): one ACL change away from exposure.',
  ),
  rule(
    'data-exposure.google.sql-unencrypted-connections',
    'high',
    {
      resourceTypes: ['google_sql_database_instance'],
      values: [
        { attribute: 'settings.ip_configuration.ssl_mode', equals: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' },
        { attribute: 'settings.ip_configuration.require_ssl', equals: false },
      ],
    },
    'Lets clients reach a Cloud SQL database without TLS: credentials and data cross the network readable.',
  ),

  // Azure
  rule(
    'data-exposure.azurerm.public-blob-access',
    'critical',
    {
      resourceTypes: ['azurerm_storage_*'],
      values: [
        ...valuesAt(['allow_nested_items_to_be_public', 'allow_blob_public_access'], { equals: true }),
        ...valuesAt(['container_access_type'], { regex: '^(blob|container)$' }),
      ],
    },
    'Allows anonymous public read access to blobs: anyone with the URL can read the data.',
  ),
  rule(
    'data-exposure.azurerm.storage-access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_storage_account_local_user',
        'azurerm_storage_account_static_website',
        'azurerm_shared_image_gallery',
        'azurerm_storage_data_lake_gen2_path',
        'azurerm_data_share*',
      ],
    },
    'Changes local users, ACLs, shares or gallery sharing of stored data: who can read it.',
  ),
  rule(
    'data-exposure.azurerm.shared-key-access',
    'high',
    {
      resourceTypes: ['azurerm_storage_account'],
      values: [
        { attribute: 'shared_access_key_enabled', equals: true },
        { attribute: 'min_tls_version', regex: '^TLS1_[01]$' },
      ],
    },
    'Allows account-key access or old TLS on a storage account: a leaked key or weak connection exposes all its data.',
  ),

  // GitHub
  rule(
    'data-exposure.github.repository-visibility',
    'critical',
    {
      resourceTypes: ['github_repository'],
      values: [
        { attribute: 'visibility', equals: 'public' },
        { attribute: 'private', equals: false },
      ],
    },
    'Makes a repository public: its code, history and any committed secrets become readable by everyone.',
  ),
  rule(
    'data-exposure.github.webhooks',
    'high',
    { kinds: ['resource'], resourceTypes: ['github_*webhook', 'github_app_installation_repositor*'] },
    'Sends repository events (including code and metadata) to an external URL, or grants an app access to repositories.',
  ),
];
