import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Logging and detection: the record of what happened and the alarms on it. Someone about to
 * misuse access turns these off first, so any change to them is `high`.
 */
export const LOGGING_RULES: readonly Rule[] = [
  // AWS
  rule(
    'logging.aws.audit-and-detection',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_cloudtrail*',
        'aws_config_*',
        'aws_guardduty_*',
        'aws_securityhub_*',
        'aws_macie2_*',
        'aws_detective_*',
        'aws_inspector*',
        'aws_accessanalyzer_*',
        'aws_securitylake_*',
        'aws_auditmanager_*',
        'aws_flow_log',
        'aws_ec2_traffic_mirror_*',
      ],
    },
    'Changes audit logging or threat detection (CloudTrail, Config, GuardDuty, Security Hub, flow logs...): misuse could go unrecorded or unnoticed.',
  ),
  rule(
    'logging.aws.service-logs',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_*logging*',
        'aws_*query_log*',
        'aws_cloudwatch_log_subscription_filter',
        'aws_cloudwatch_log_account_policy',
        'aws_cloudwatch_log_delivery*',
        'aws_cloudwatch_log_destination',
        'aws_cloudwatch_log_data_protection_policy',
        'aws_sns_topic_data_protection_policy',
        'aws_cloudwatch_log_metric_filter',
        'aws_cognito_log_delivery_configuration',
      ],
    },
    'Changes where service logs go, what is masked or which metric filters feed alarms: evidence may be lost or alarms go silent.',
  ),
  rule(
    'logging.aws.log-retention',
    'high',
    {
      resourceTypes: ['aws_cloudwatch_log_group', 'aws_cloudtrail_event_data_store'],
      actions: ['update'],
      attributes: ['retention_in_days', 'retention_period', 'kms_key_id', 'log_group_class', 'skip_destroy'],
    },
    'Changes how long or how logs are kept: shorter retention deletes evidence.',
  ),
  rule(
    'logging.aws.log-group-deleted',
    'high',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: ['aws_cloudwatch_log_group', 'aws_cloudwatch_log_stream'],
    },
    'Deletes a log group and every log event in it.',
  ),
  rule(
    'logging.aws.logging-disabled',
    'critical',
    {
      resourceTypes: [
        'aws_cloudtrail',
        'aws_guardduty_detector',
        'aws_guardduty_detector_feature',
        'aws_config_configuration_recorder_status',
        'aws_lb',
        'aws_alb',
        'aws_elb',
      ],
      values: [
        ...valuesAt(['enable_logging', 'enable', 'is_enabled', 'access_logs.enabled'], { equals: false }),
        // A trail without management events records none of the calls that change access.
        ...valuesAt(['event_selector.include_management_events'], { equals: false }),
        ...valuesAt(['status'], { equals: 'DISABLED' }),
      ],
    },
    'Turns off a trail (or its management events), threat detection, a Config recorder or load balancer access logs: events stop being recorded.',
  ),
  rule(
    'logging.aws.detection-removed',
    'critical',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: [
        'aws_cloudtrail',
        'aws_guardduty_detector',
        'aws_securityhub_account',
        'aws_config_configuration_recorder',
        'aws_config_configuration_recorder_status',
        'aws_macie2_account',
        'aws_detective_graph',
      ],
    },
    'Deletes a trail, a threat detector, Security Hub, a Config recorder or Macie: as good as turning them off, and what they recorded may go with them.',
  ),

  // Google Cloud
  rule(
    'logging.google.audit-and-detection',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_logging_!(*_iam_*)',
        'google_*_iam_audit_config',
        'google_scc_!(*_iam_*)',
        'google_*_access_approval_settings',
        'google_monitoring_alert_policy',
        'google_monitoring_notification_channel',
      ],
    },
    'Changes audit logs, log sinks, exclusions, retention or Security Command Center: misuse could go unrecorded or unnoticed.',
  ),
  rule(
    'logging.google.flow-logs',
    'high',
    {
      resourceTypes: ['google_compute_subnetwork', 'google_compute_firewall', 'google_storage_bucket'],
      actions: ['update', 'delete'],
      attributes: ['log_config.**', 'logging.**', 'enable_flow_logs'],
    },
    'Changes or removes flow, firewall or access logging: traffic and access stop being recorded.',
  ),
  rule(
    'logging.google.sink-disabled',
    'critical',
    {
      resourceTypes: ['google_logging_*_sink'],
      values: valuesAt(['disabled'], { equals: true }),
    },
    'Switches a log sink off: the logs it exported stop reaching their destination.',
  ),
  rule(
    'logging.google.audit-excluded',
    'critical',
    {
      resourceTypes: ['google_logging_*_exclusion'],
      // An exclusion drops what its filter matches before any sink sees it.
      values: valuesAt(['filter'], {
        contains: 'cloudaudit',
        ignoreCase: true,
        unless: { key: 'disabled', equals: true },
      }),
    },
    'Excludes Cloud Audit Logs from logging: admin and data access events stop being recorded.',
  ),

  // Azure
  rule(
    'logging.azurerm.audit-and-detection',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_monitor_diagnostic_setting',
        'azurerm_monitor_aad_diagnostic_setting',
        'azurerm_log_analytics_!(query_pack*)',
        'azurerm_security_center_*',
        'azurerm_sentinel_*',
        'azurerm_*auditing_policy',
        'azurerm_*security_alert_policy',
        'azurerm_network_watcher_flow_log',
        'azurerm_advanced_threat_protection',
        'azurerm_*vulnerability_assessment*',
        'azurerm_monitor_activity_log_alert',
        'azurerm_monitor_alert_processing_rule_suppression',
      ],
    },
    'Changes diagnostic settings, Defender, Sentinel, auditing or flow logs: misuse could go unrecorded or unnoticed.',
  ),

  // Vault, Kubernetes
  rule(
    'logging.vault.audit',
    'high',
    { kinds: ['resource'], resourceTypes: ['vault_audit*'] },
    'Changes a Vault audit device: secret reads stop being recorded, and Vault blocks requests when no audit device can log.',
  ),
  rule(
    'logging.azurerm.defender-off',
    'critical',
    {
      resourceTypes: ['azurerm_security_center_subscription_pricing'],
      values: valuesAt(['tier'], { equals: 'Free', ignoreCase: true }),
    },
    'Sets a Microsoft Defender for Cloud plan to Free: threat detection for those resources stops.',
  ),
  rule(
    'logging.azurerm.detection-removed',
    'critical',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: [
        'azurerm_security_center_subscription_pricing',
        'azurerm_sentinel_log_analytics_workspace_onboarding',
      ],
    },
    'Removes a Defender for Cloud plan (its tier falls back to Free) or Sentinel from a workspace: threat detection stops.',
  ),
];
