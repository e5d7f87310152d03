import type { Rule } from '../../model/policy.js';
import { rule } from './rule.js';

/**
 * The identity a workload runs as: a function, instance, task, node or job given a role, service
 * account or managed identity acts with all of its permissions, through code that is deployed
 * without this review. Pointing a Lambda function at an admin role (iam:PassRole) is the classic
 * escalation; it was the default tier, low, with no approval.
 */
export const WORKLOAD_IDENTITY_RULES: readonly Rule[] = [
  rule(
    'identity.aws.workload-role',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_lambda_function',
        'aws_instance',
        'aws_launch_template',
        'aws_launch_configuration',
        'aws_ecs_task_definition',
        'aws_eks_node_group',
        'aws_eks_fargate_profile',
        'aws_codebuild_project',
        'aws_codepipeline',
        'aws_glue_job',
        'aws_batch_compute_environment',
        'aws_sagemaker_notebook_instance',
        'aws_sagemaker_domain',
        'aws_emr_cluster',
        'aws_sfn_state_machine',
        'aws_apprunner_service',
        'aws_cloudformation_stack',
      ],
      attributes: [
        'role',
        'role_arn',
        'task_role_arn',
        'execution_role_arn',
        'node_role_arn',
        'pod_execution_role_arn',
        'service_role',
        'instance_role',
        'iam_role_arn',
        'iam_instance_profile',
        'iam_instance_profile.**',
        'ec2_attributes.instance_profile',
        'instance_configuration.instance_role_arn',
        'default_user_settings.execution_role',
      ],
    },
    'Gives a workload (a function, instance, task, node, build or job) an IAM role to run as: the code it runs, deployed without this review, gets every permission of that role.',
  ),
  rule(
    'identity.google.workload-service-account',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_instance',
        'google_compute_instance_template',
        'google_compute_region_instance_template',
        'google_container_cluster',
        'google_container_node_pool',
        'google_cloud_run_service',
        'google_cloud_run_v2_service',
        'google_cloud_run_v2_job',
        'google_cloudfunctions_function',
        'google_cloudfunctions2_function',
        'google_cloudbuild_trigger',
        'google_dataflow_job',
        'google_dataproc_cluster',
        'google_composer_environment',
        'google_workflows_workflow',
      ],
      attributes: [
        '**.service_account',
        '**.service_account.email',
        '**.service_account.scopes',
        '**.service_account_email',
        '**.service_account_name',
        '**.oauth_scopes',
      ],
    },
    'Gives a workload (an instance, node, function, service or job) a service account or scopes to run as: the code it runs, deployed without this review, gets every permission of that account.',
  ),
  rule(
    'identity.azurerm.workload-identity',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_*virtual_machine*',
        'azurerm_*web_app',
        'azurerm_*web_app_slot',
        'azurerm_*function_app',
        'azurerm_*function_app_slot',
        'azurerm_container_group',
        'azurerm_container_app',
        'azurerm_container_app_job',
        'azurerm_kubernetes_cluster',
        'azurerm_logic_app_workflow',
        'azurerm_automation_account',
        'azurerm_data_factory',
        'azurerm_batch_pool',
      ],
      attributes: ['identity.type', 'identity.identity_ids', 'kubelet_identity.**'],
    },
    'Gives a workload (a VM, app, function, container, cluster or pipeline) a managed identity to run as: the code it runs, deployed without this review, gets every role that identity holds.',
  ),
];
