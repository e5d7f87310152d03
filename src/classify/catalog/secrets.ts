import type { Rule } from '../../model/policy.js';
import { manifestKindRules, rule } from './rule.js';

/**
 * Keys and secrets: encryption keys, secret values and credentials. Most apply to data sources
 * too: reading a secret or minting a token puts its value into the plan and the state.
 */
export const SECRETS_RULES: readonly Rule[] = [
  // AWS
  rule(
    'secrets.aws.kms',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_kms_*', 'aws_ebs_default_kms_key', 'aws_cloudhsm_*', 'aws_paymentcryptography_*'],
    },
    'Changes an encryption key, its key policy, grants or aliases: who can decrypt the data it protects, and whether it stays readable.',
  ),
  rule(
    'secrets.aws.secrets-manager',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_secretsmanager_*'] },
    'Changes a Secrets Manager secret, its value, policy or rotation: who can read it, and the value ends up in the state.',
  ),
  rule(
    'secrets.aws.secret-read',
    'high',
    {
      kinds: ['data'],
      resourceTypes: ['aws_kms_secret*', 'aws_secretsmanager_secret_version*', 'aws_secretsmanager_random_password'],
    },
    'Reads or decrypts a secret value: it ends up in the plan and the state, readable by everyone who can read those.',
  ),
  rule(
    'secrets.aws.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'aws_kms_!(secret*)',
        'aws_secretsmanager_secret',
        'aws_secretsmanager_secrets',
        'aws_secretsmanager_secret_rotation',
        'aws_ebs_default_kms_key',
        'aws_cloudhsm_*',
      ],
    },
    'Looks up a key or secret: changing what it finds changes which key encrypts, or which secret is used by, the resources using it.',
  ),
  rule(
    'secrets.aws.instance-metadata-v1',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request'],
      values: [{ attribute: 'metadata_options.http_tokens', equals: 'optional' }],
    },
    "Lets instances answer metadata requests without a session token (IMDSv1): a request forgery in any of their software reads the instance role's credentials.",
  ),
  rule(
    'secrets.aws.ssm-secure-string',
    'high',
    {
      resourceTypes: ['aws_ssm_parameter'],
      values: [{ attribute: 'type', equals: 'SecureString' }],
    },
    'Changes an encrypted SSM parameter: its value is a secret and lands in the state.',
  ),
  rule(
    'secrets.aws.certificate-authority',
    'high',
    {
      resourceTypes: ['aws_acmpca_*', 'aws_iot_ca_certificate', 'aws_iot_certificate', 'aws_iam_server_certificate'],
    },
    'Changes a certificate authority or a certificate with its private key: certificates it issues are trusted as identities.',
  ),
  rule(
    'secrets.aws.certificates',
    'medium',
    { resourceTypes: ['aws_acm_*'] },
    'Changes a TLS certificate: a wrong domain or validation breaks or weakens HTTPS endpoints.',
  ),
  rule(
    'secrets.aws.credentials',
    'high',
    {
      resourceTypes: [
        'aws_*_api_key',
        'aws_lightsail_bucket_access_key',
        'aws_lightsail_key_pair',
        'aws_bedrockagentcore_*credential_provider',
        'aws_msk_*scram_secret_association',
        'aws_ecr*_authorization_token',
        'aws_eks_cluster_auth',
        'aws_ivs_stream_key',
        'aws_dx_macsec_key_association',
        'aws_cognito_user_pool_client',
        'aws_iam_access_keys',
        'aws_api_gateway_api_keys',
      ],
    },
    'Creates or reads a credential (API key, access key, token, private key): its value lands in the plan and the state.',
  ),
  rule(
    'secrets.aws.trusted-public-keys',
    'medium',
    {
      resourceTypes: [
        'aws_key_pair',
        'aws_cloudfront_public_key',
        'aws_cloudfront_key_group',
        'aws_ivs_playback_key_pair',
        'aws_route53_key_signing_key',
        'aws_transfer_ssh_key',
        'aws_transfer_host_key',
        'aws_quicksight_key_registration',
      ],
    },
    'Registers a key that is trusted: whoever holds the matching private key can log in, sign URLs or sign DNS records.',
  ),

  // Google Cloud
  rule(
    'secrets.google.kms',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_kms_*', 'google_netapp_kmsconfig'] },
    'Changes an encryption key, key ring or its configuration: who can decrypt the data it protects, and whether it stays readable.',
  ),
  rule(
    'secrets.google.lookup',
    'medium',
    { kinds: ['data'], resourceTypes: ['google_kms_!(secret|*_iam_policy)'] },
    'Looks up a key: changing what it finds changes which key encrypts the resources using it.',
  ),
  rule(
    'secrets.google.secret-values',
    'high',
    {
      resourceTypes: [
        'google_secret_manager_*',
        'google_kms_secret',
        'google_composer_user_workloads_secret',
        'google_sql_user',
        'google_sql_ssl_cert',
        'google_apigee_*keystore*',
        'google_apigee_keystores_aliases_*',
      ],
    },
    'Changes or reads a secret (Secret Manager, database user password, TLS private key): values end up in the plan and the state.',
  ),
  rule(
    'secrets.google.credentials',
    'high',
    {
      resourceTypes: [
        'google_service_account_key',
        'google_service_account_access_token',
        'google_service_account_id_token',
        'google_service_account_jwt',
        'google_apikeys_key',
        'google_storage_hmac_key',
        'google_iam_oauth_client_credential',
        'google_iam_workforce_pool_provider_key',
        'google_compute_*signed_url_key',
        'google_public_ca_external_account_key',
        'google_client_config',
      ],
    },
    'Creates or mints a credential (service account key, access token, API or HMAC key): long-lived access whose value lands in the state.',
  ),
  rule(
    'secrets.google.certificate-authority',
    'high',
    { resourceTypes: ['google_privateca_!(*_iam_*)'] },
    'Changes a private certificate authority: certificates it issues are trusted as identities.',
  ),
  rule(
    'secrets.google.certificates',
    'medium',
    {
      resourceTypes: [
        'google_certificate_manager_*',
        'google_compute_*ssl_certificate',
        'google_apigee_environment_keyvaluemaps*',
        'google_recaptcha_enterprise_key',
        'google_network_services_edge_cache_keyset',
      ],
    },
    'Changes a TLS certificate, trust config or stored key material: a mistake breaks or weakens HTTPS or client trust.',
  ),

  // Azure
  rule(
    'secrets.azurerm.key-vault',
    'high',
    { resourceTypes: ['azurerm_key_vault!(_access_policy)'] },
    'Changes or reads a Key Vault, its keys, secrets or certificates: secret values end up in the plan and the state.',
  ),
  rule(
    'secrets.azurerm.customer-managed-keys',
    'high',
    {
      resourceTypes: [
        'azurerm_*customer_managed_key',
        'azurerm_synapse_workspace_key',
        'azurerm_postgresql_server_key',
        'azurerm_key_vault_encrypted_value',
      ],
    },
    "Changes which key encrypts a service's data: a wrong or revoked key makes the data unreadable.",
  ),
  rule(
    'secrets.azurerm.credentials',
    'high',
    {
      resourceTypes: [
        'azurerm_*authorization_rule',
        'azurerm_*api_key',
        'azurerm_cdn_frontdoor_secret',
        'azurerm_*_sas',
        'azurerm_function_app_host_keys',
        'azurerm_*shared_access_policy',
        'azurerm_trusted_signing_account',
        'azurerm_key_vault_managed_storage_account*',
      ],
    },
    'Creates or reads a credential (SAS token, shared access key, API key, code-signing account): its value lands in the plan and the state.',
  ),
  rule(
    'secrets.azurerm.certificates',
    'medium',
    {
      resourceTypes: ['azurerm_app_service_*certificate*', 'azurerm_ssh_public_key', 'azurerm_app_configuration_key*'],
    },
    'Changes a certificate, a trusted SSH public key or a configuration value that may hold a secret.',
  ),
  rule(
    'secrets.azuread.credentials',
    'high',
    {
      resourceTypes: ['azuread_*password', 'azuread_*certificate', 'azuread_*federated_identity_credential'],
    },
    'Creates a credential for an application or service principal: whoever holds it acts as that application.',
  ),

  // Vault, TLS, Kubernetes, GitHub
  rule(
    'secrets.vault.secrets',
    'high',
    {
      resourceTypes: [
        'vault_*secret*',
        'vault_mount',
        'vault_pki_*',
        'vault_transit_*',
        'vault_database_*',
        'vault_*_secret_backend*',
      ],
    },
    'Changes or reads Vault secrets or secrets engines (KV, PKI, transit, database): values end up in the plan and the state.',
  ),
  rule(
    'secrets.tls.private-key',
    'high',
    { resourceTypes: ['tls_private_key'] },
    'Generates a private key: it is stored unencrypted in the Terraform state.',
  ),
  rule(
    'secrets.tls.certificates',
    'medium',
    { resourceTypes: ['tls_self_signed_cert', 'tls_locally_signed_cert', 'tls_cert_request'] },
    'Issues a certificate: check its subject, usages and validity before something trusts it.',
  ),
  rule(
    'secrets.kubernetes.secret',
    'high',
    { resourceTypes: ['kubernetes_secret*'] },
    'Changes or reads a Kubernetes secret: its data ends up in the plan and the state.',
  ),
  ...manifestKindRules(
    'secrets',
    'manifest-secret',
    'high',
    '^(Secret|SealedSecret|ExternalSecret|SecretStore|ClusterSecretStore)$',
    'Applies a Kubernetes manifest of a secret or of where secrets come from: its data ends up in the plan and the state, or in other hands.',
  ),
  rule(
    'secrets.github.secrets',
    'high',
    {
      resourceTypes: [
        'github_actions_*secret*',
        'github_dependabot_*secret*',
        'github_codespaces_*secret*',
        'github_repository_deploy_key',
        'github_user_ssh_key',
        'github_user_gpg_key',
      ],
    },
    'Changes a GitHub secret or deploy/SSH key: workflows or key holders gain what the secret or key unlocks.',
  ),
  rule(
    'secrets.gitlab.secrets',
    'high',
    {
      resourceTypes: [
        'gitlab_project_variable',
        'gitlab_group_variable',
        'gitlab_instance_variable',
        'gitlab_deploy_key*',
        'gitlab_deploy_token',
        'gitlab_*access_token',
      ],
    },
    'Changes a GitLab CI/CD variable, deploy key or access token: pipelines or token holders gain what it unlocks.',
  ),
  // Terraform itself. An output of a sensitive value must be marked sensitive (Terraform refuses
  // the plan otherwise): revealing one takes nonsensitive(), which is what is judged.
  rule(
    'secrets.terraform.nonsensitive',
    'high',
    { values: [{ attribute: '**', regex: '\\bnonsensitive\\(' }] },
    'Reveals a sensitive value with nonsensitive(): it is printed by plans and CI logs and stored where values that are not secret are.',
  ),
];
