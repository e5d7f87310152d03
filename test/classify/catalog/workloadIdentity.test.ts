import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

const resource = (type: string, body: string) => `resource "${type}" "x" {\n${body}}\n`;
const lambda = (role: string, memory = 128) =>
  resource('aws_lambda_function', `  function_name = "f"\n  role          = "${role}"\n  memory_size   = ${memory}\n`);
const APP_ROLE = 'arn:aws:iam::111111111111:role/app';
const ADMIN_ROLE = 'arn:aws:iam::111111111111:role/admin';

const cases: Case[] = [
  [
    'a Lambda function pointed at another role (iam:PassRole) is high',
    ...edited(lambda(APP_ROLE), APP_ROLE, ADMIN_ROLE),
    [['aws_lambda_function.x', 'identity.aws.workload-role', 'high']],
  ],
  [
    'a Lambda function created with a role is high: its code acts as that role',
    ...created(lambda(ADMIN_ROLE)),
    [['aws_lambda_function.x', 'identity.aws.workload-role', 'high']],
  ],
  [
    'quiet guard: a Lambda function whose memory alone changes stays the default tier',
    ...edited(lambda(APP_ROLE), '= 128', '= 256'),
    [['aws_lambda_function.x', 'default', 'low']],
  ],
  [
    "an instance's instance profile changed is high",
    ...edited(
      resource('aws_instance', '  ami                  = "ami-1"\n  iam_instance_profile = "app"\n'),
      '"app"',
      '"admin"',
    ),
    [['aws_instance.x', 'identity.aws.workload-role', 'high']],
  ],
  [
    "an ECS task's role changed is high",
    ...edited(
      resource(
        'aws_ecs_task_definition',
        `  family                = "f"\n  container_definitions = "[]"\n  task_role_arn         = "${APP_ROLE}"\n`,
      ),
      APP_ROLE,
      ADMIN_ROLE,
    ),
    [['aws_ecs_task_definition.x', 'identity.aws.workload-role', 'high']],
  ],
  [
    "a GKE node pool's service account changed is high",
    ...edited(
      resource(
        'google_container_node_pool',
        '  cluster = "c"\n  node_config {\n    service_account = "nodes@p.iam.gserviceaccount.com"\n  }\n',
      ),
      'nodes@',
      'owner@',
    ),
    [['google_container_node_pool.x', 'identity.google.workload-service-account', 'high']],
  ],
  [
    "a Cloud Run service's service account (in its template) changed is high",
    ...edited(
      resource(
        'google_cloud_run_v2_service',
        '  name = "s"\n  template {\n    service_account = "app@p.iam.gserviceaccount.com"\n  }\n',
      ),
      'app@',
      'owner@',
    ),
    [['google_cloud_run_v2_service.x', 'identity.google.workload-service-account', 'high']],
  ],
  [
    'an Azure web app given a user-assigned identity is high',
    ...edited(
      resource('azurerm_linux_web_app', '  name = "w"\n  identity {\n    type = "SystemAssigned"\n  }\n'),
      '    type = "SystemAssigned"\n',
      '    type         = "UserAssigned"\n    identity_ids = ["/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/owner"]\n',
    ),
    [['azurerm_linux_web_app.x', 'identity.azurerm.workload-identity', 'high']],
  ],
];

describe('the identity a workload runs as', () => {
  runCases(cases);
});
