import type { Rule } from '../../model/policy.js';
import { rule } from './rule.js';

/** Compute Engine VMs and the templates they are made from. */
const GCE_INSTANCE_TYPES = [
  'google_compute_instance',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
  'google_compute_instance_from_template',
];

/** Metadata keys a Compute Engine VM runs at boot (the project-wide ones are identity.google.project-startup-script). */
const STARTUP_SCRIPT_KEYS = [
  'startup-script',
  'startup-script-url',
  ...['ps1', 'cmd', 'bat', 'url'].map((kind) => `windows-startup-script-${kind}`),
];

/**
 * Environment variables that make a runtime load other code before a function's handler, with
 * the value that does it (any value, where the variable does nothing else).
 */
const RUNTIME_HOOKS: readonly { key: string; regex: string }[] = [
  ...[
    'AWS_LAMBDA_EXEC_WRAPPER',
    'LD_PRELOAD',
    'PYTHONSTARTUP',
    'PYTHONPATH',
    'DOTNET_STARTUP_HOOKS',
    'PERL5OPT',
    'RUBYOPT',
  ].map((key) => ({ key, regex: '' })),
  { key: 'NODE_OPTIONS', regex: '(^|\\s)(--require|-r|--import|--loader|--experimental-loader)\\b' },
  ...['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS'].map((key) => ({ key, regex: '-javaagent' })),
];

/**
 * Code a virtual machine runs at boot, given by the infrastructure: user data (cloud-init or a
 * script), a startup script, custom data. It runs as root, with the machine's role or service
 * account, on every machine made from it (a launch template's nodes, a scale set's instances):
 * the same power as a script extension (identity.azurerm.custom-script-extension), which was
 * already `high`, while this was the default tier, low, with no approval.
 */
export const BOOT_CODE_RULES: readonly Rule[] = [
  rule(
    'identity.aws.instance-user-data',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_instance',
        'aws_launch_template',
        'aws_launch_configuration',
        'aws_spot_instance_request',
        'aws_spot_fleet_request',
        'aws_lightsail_instance',
      ],
      attributes: ['user_data', 'user_data_base64', 'launch_specification.user_data'],
    },
    'Changes the user data instances run at boot (cloud-init, a script), as root and with the instance role: every instance made from it runs the new code.',
  ),
  rule(
    'identity.google.instance-startup-script',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: GCE_INSTANCE_TYPES,
      attributes: ['metadata_startup_script'],
    },
    "Changes the startup script a VM runs at boot, as root and with the VM's service account.",
  ),
  rule(
    'identity.google.instance-metadata-startup-script',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: GCE_INSTANCE_TYPES,
      values: STARTUP_SCRIPT_KEYS.map((key) => ({ attribute: 'metadata', key, regex: '' })),
    },
    "Sets a startup script in a VM's metadata: it runs at boot, as root and with the VM's service account.",
  ),
  rule(
    'identity.aws.lambda-runtime-hooks',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_lambda_function'],
      values: RUNTIME_HOOKS.map((hook) => ({ attribute: 'environment.variables', ...hook })),
    },
    "Makes a function's runtime load other code before its handler (an exec wrapper, NODE_OPTIONS=--require, LD_PRELOAD), run with the function's role.",
  ),
  rule(
    'identity.azurerm.vm-custom-data',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_linux_virtual_machine',
        'azurerm_windows_virtual_machine',
        'azurerm_linux_virtual_machine_scale_set',
        'azurerm_windows_virtual_machine_scale_set',
        'azurerm_orchestrated_virtual_machine_scale_set',
        'azurerm_virtual_machine',
      ],
      attributes: ['custom_data', 'user_data', 'os_profile.custom_data', 'os_profile.**.custom_data'],
    },
    'Changes the custom or user data a VM runs at boot (cloud-init, a script), as root and with its managed identity: every instance of a scale set runs the new code.',
  ),
];
