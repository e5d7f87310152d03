import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

function logGroup(days: number): string {
  return `resource "aws_cloudwatch_log_group" "app" {\n  name              = "app"\n  retention_in_days = ${days}\n}\n`;
}

const TRAIL = 'resource "aws_cloudtrail" "org" {\n  name           = "org"\n  enable_logging = true\n}\n';

const TRAIL_WITH_SELECTOR =
  'resource "aws_cloudtrail" "org" {\n  name = "org"\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n  }\n}\n';

const GUARDDUTY_FEATURE =
  'resource "aws_guardduty_detector_feature" "s3" {\n  detector_id = "d"\n  name        = "S3_DATA_EVENTS"\n  status      = "ENABLED"\n}\n';

const GOOGLE_SINK =
  'resource "google_logging_project_sink" "s" {\n  name        = "s"\n  destination = "storage.googleapis.com/logs"\n  disabled    = false\n}\n';

function googleExclusion(filter: string, disabled: boolean): string {
  return `resource "google_logging_project_exclusion" "x" {\n  name     = "x"\n  filter   = ${JSON.stringify(filter)}\n  disabled = ${disabled}\n}\n`;
}

const DEFENDER =
  'resource "azurerm_security_center_subscription_pricing" "vm" {\n  tier          = "Standard"\n  resource_type = "VirtualMachines"\n}\n';

const cases: Case[] = [
  [
    'a CloudTrail trail is high',
    ...created(TRAIL),
    [['aws_cloudtrail.org', 'logging.aws.audit-and-detection', 'high']],
  ],
  [
    'deleting a trail is critical, as switching it off is',
    { 'main.tf': TRAIL },
    {},
    [
      ['aws_cloudtrail.org', 'logging.aws.detection-removed', 'critical'],
      ['aws_cloudtrail.org', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'deleting a GuardDuty detector is critical',
    { 'main.tf': 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n' },
    {},
    [
      ['aws_guardduty_detector.d', 'logging.aws.detection-removed', 'critical'],
      ['aws_guardduty_detector.d', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'a trail that stops recording management events is critical',
    { 'main.tf': TRAIL_WITH_SELECTOR },
    { 'main.tf': TRAIL_WITH_SELECTOR.replace('include_management_events = true', 'include_management_events = false') },
    [
      ['aws_cloudtrail.org', 'logging.aws.logging-disabled', 'critical'],
      ['aws_cloudtrail.org', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'a GuardDuty protection plan switched off is critical',
    { 'main.tf': GUARDDUTY_FEATURE },
    { 'main.tf': GUARDDUTY_FEATURE.replace('"ENABLED"', '"DISABLED"') },
    [
      ['aws_guardduty_detector_feature.s3', 'logging.aws.logging-disabled', 'critical'],
      ['aws_guardduty_detector_feature.s3', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'switching a trail off is critical',
    { 'main.tf': TRAIL },
    { 'main.tf': TRAIL.replace('enable_logging = true', 'enable_logging = false') },
    [
      ['aws_cloudtrail.org', 'logging.aws.logging-disabled', 'critical'],
      ['aws_cloudtrail.org', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'a Google log sink switched off is critical',
    { 'main.tf': GOOGLE_SINK },
    { 'main.tf': GOOGLE_SINK.replace('disabled    = false', 'disabled    = true') },
    [
      ['google_logging_project_sink.s', 'logging.google.sink-disabled', 'critical'],
      ['google_logging_project_sink.s', 'logging.google.audit-and-detection', 'high'],
    ],
  ],
  [
    'a Google log exclusion of audit logs is critical',
    ...created(googleExclusion('logName:"cloudaudit.googleapis.com"', false)),
    [
      ['google_logging_project_exclusion.x', 'logging.google.audit-excluded', 'critical'],
      ['google_logging_project_exclusion.x', 'logging.google.audit-and-detection', 'high'],
    ],
  ],
  [
    'a Google log exclusion of audit logs that is itself disabled is high',
    ...created(googleExclusion('logName:"cloudaudit.googleapis.com"', true)),
    [['google_logging_project_exclusion.x', 'logging.google.audit-and-detection', 'high']],
  ],
  [
    'a Google log exclusion of debug logs is high',
    ...created(googleExclusion('severity <= DEBUG', false)),
    [['google_logging_project_exclusion.x', 'logging.google.audit-and-detection', 'high']],
  ],
  [
    'a Defender for Cloud plan set to Free is critical',
    { 'main.tf': DEFENDER },
    { 'main.tf': DEFENDER.replace('"Standard"', '"Free"') },
    [
      ['azurerm_security_center_subscription_pricing.vm', 'logging.azurerm.defender-off', 'critical'],
      ['azurerm_security_center_subscription_pricing.vm', 'logging.azurerm.audit-and-detection', 'high'],
    ],
  ],
  [
    'a Defender for Cloud plan removed is critical',
    { 'main.tf': DEFENDER },
    {},
    [
      ['azurerm_security_center_subscription_pricing.vm', 'logging.azurerm.detection-removed', 'critical'],
      ['azurerm_security_center_subscription_pricing.vm', 'logging.azurerm.audit-and-detection', 'high'],
    ],
  ],
  [
    'GuardDuty, Config and Security Hub are high',
    ...created(`
resource "aws_guardduty_detector" "d" {
  enable = true
}
resource "aws_config_configuration_recorder" "r" {
  name = "r"
}
resource "aws_securityhub_account" "s" {
  enable_default_standards = true
}
`),
    [
      ['aws_config_configuration_recorder.r', 'logging.aws.audit-and-detection', 'high'],
      ['aws_guardduty_detector.d', 'logging.aws.audit-and-detection', 'high'],
      ['aws_securityhub_account.s', 'logging.aws.audit-and-detection', 'high'],
    ],
  ],
  [
    'a VPC flow log is high',
    ...created('resource "aws_flow_log" "f" {\n  traffic_type = "ALL"\n}\n'),
    [['aws_flow_log.f', 'logging.aws.audit-and-detection', 'high']],
  ],
  ['a new log group is low', ...created(logGroup(365)), [['aws_cloudwatch_log_group.app', 'default', 'low']]],
  [
    'changing log retention is high',
    { 'main.tf': logGroup(365) },
    { 'main.tf': logGroup(1) },
    [['aws_cloudwatch_log_group.app', 'logging.aws.log-retention', 'high']],
  ],
  [
    'deleting a log group is high',
    { 'main.tf': logGroup(365) },
    {},
    [['aws_cloudwatch_log_group.app', 'logging.aws.log-group-deleted', 'high']],
  ],
  [
    'a Google log sink is high',
    ...created('resource "google_logging_project_sink" "s" {\n  destination = "storage.googleapis.com/audit"\n}\n'),
    [['google_logging_project_sink.s', 'logging.google.audit-and-detection', 'high']],
  ],
  [
    'a Google audit config is high (logging, not identity)',
    ...created('resource "google_project_iam_audit_config" "a" {\n  service = "allServices"\n}\n'),
    [['google_project_iam_audit_config.a', 'logging.google.audit-and-detection', 'high']],
  ],
  [
    'turning subnet flow logs off is high',
    {
      'main.tf': 'resource "google_compute_subnetwork" "s" {\n  log_config {\n    flow_sampling = 0.5\n  }\n}\n',
    },
    { 'main.tf': 'resource "google_compute_subnetwork" "s" {\n}\n' },
    [['google_compute_subnetwork.s', 'logging.google.flow-logs', 'high']],
  ],
  [
    'an Azure diagnostic setting is high',
    ...created('resource "azurerm_monitor_diagnostic_setting" "d" {\n  name = "d"\n}\n'),
    [['azurerm_monitor_diagnostic_setting.d', 'logging.azurerm.audit-and-detection', 'high']],
  ],
  [
    'a Vault audit device is high',
    ...created('resource "vault_audit" "file" {\n  type = "file"\n}\n'),
    [['vault_audit.file', 'logging.vault.audit', 'high']],
  ],
];

describe('logging catalog', () => {
  runCases(cases);
});
