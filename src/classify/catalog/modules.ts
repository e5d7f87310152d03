import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Module calls: HCL shows the call, not the code behind it. A new or changed source, or a new
 * version, can change anything the module manages, so it is never below `medium`; remote code
 * (a registry, Git or archive source) is `high`, because nothing of it is in this pull request.
 */

/**
 * Local paths are the only sources whose code is in the repository under review, but for a path
 * into `node_modules` (a module distributed as an npm package: installed, or committed where Four
 * Eyes does not read configuration).
 */
const REMOTE_SOURCE = '^(?!\\./|\\.\\./)|(^|/)node_modules(/|$)';

/** Input names of remote modules that decide who gets access or what is exposed. */
const SENSITIVE_INPUTS = [
  '*cidr*',
  '*ingress*',
  '*egress*',
  '*policy*',
  '*policies*',
  '*principal*',
  '*admin*',
  '*public*',
  '*role*',
  '*permission*',
  '*trust*',
  '*acl*',
  '*allow*',
];

/** Keys of Helm values that list who may connect (charts name them so, in any letter case). */
const HELM_ALLOW_LISTS = [
  'loadBalancerSourceRanges',
  'sourceRanges',
  'allowedSourceRanges',
  'sourceCidrs',
  'allowedCidrs',
  'allowedCidrBlocks',
  'authorizedNetworks',
  'ipAllowList',
  'allowList',
  'whitelist',
  'whitelist-source-range',
  'nginx.ingress.kubernetes.io/whitelist-source-range',
];

export const MODULE_RULES: readonly Rule[] = [
  rule(
    'modules.terraform.remote-source-changed',
    'high',
    {
      kinds: ['module'],
      moduleChanges: ['source'],
      values: [{ attribute: 'source', regex: REMOTE_SOURCE }],
    },
    'Calls remote module code that is not in this pull request (new call or new source): review the module at that source before approving.',
  ),
  rule(
    'modules.helm.chart',
    'high',
    { kinds: ['resource'], resourceTypes: ['helm_release'], attributes: ['chart'] },
    'Installs a Helm chart or another one (a new name or source, or changed files of a chart in the repository): what it creates is in its templates; read them and the plan.',
  ),
  rule(
    'modules.helm.values-open-world',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['helm_release'],
      values: [
        // The allow-lists charts commonly take, at any depth of the values (a values file is read as YAML).
        ...HELM_ALLOW_LISTS.map((key) => ({ attribute: 'values', key, cidr: 'internet' as const })),
        // A range given with `set` is an allow-list whatever its name says: a chart takes no other.
        ...valuesAt(['set.value', 'set_list.value'], { cidr: 'internet' }),
      ],
    },
    'Gives a Helm chart the whole internet (0.0.0.0/0, ::/0, any /8 or wider) in an allow-list of its values or a range it sets: what the chart exposes, it exposes to anyone.',
  ),
  rule(
    'modules.helm.values-changed',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: ['helm_release'],
      actions: ['update', 'move'],
      changedOnly: true,
      attributes: ['values', 'values.**', 'set*', 'set*.**'],
    },
    'Changes the values a Helm chart is installed with: its templates, not in this pull request, make them into Kubernetes objects (services, RBAC, pods); read the rendered manifests or the plan.',
  ),
  rule(
    'modules.terraform.source-changed',
    'medium',
    { kinds: ['module'], moduleChanges: ['source'] },
    'Adds a module call or changes its source: the resources it creates are not visible in the HCL change; read the plan.',
  ),
  rule(
    'modules.terraform.version-changed',
    'medium',
    { kinds: ['module'], moduleChanges: ['version'] },
    'Changes a module version: the new release can change anything the module manages; read its changelog and the plan.',
  ),
  rule(
    'modules.terraform.remote-input-open-world',
    'critical',
    {
      kinds: ['module'],
      moduleSource: 'remote',
      // The input's value, or any value inside it (a list of CIDRs, a list of rule objects).
      // Egress inputs are left out: traffic out to anywhere is the common default, not exposure.
      values: valuesAt(
        [
          '*ingress*',
          '*ingress*.**',
          'cidr*',
          'cidr*.**',
          'allow*cidr*',
          'allow*cidr*.**',
          'source*cidr*',
          'source*cidr*.**',
          // Allow-lists by other names: allowed_ranges, authorized_networks, trusted_ips, source_ranges.
          'allow*',
          'allow*.**',
          '*authorized*',
          '*authorized*.**',
          '*allowlist*',
          '*allowlist*.**',
          '*whitelist*',
          '*whitelist*.**',
          'trusted*',
          'trusted*.**',
          'source_ranges',
          'source_ranges.**',
          // Who may connect, by what the range is for: ssh_cidrs, admin_cidr_blocks, office_ips. Not a VPN's
          // or a route's network CIDRs (vpn_connection_remote_ipv4_network_cidr = "0.0.0.0/0": all traffic through it).
          ...[
            '*ssh*',
            '*rdp*',
            '*admin*cidr*',
            '*office*',
            '*bastion*cidr*',
            '*management*cidr*',
            '*mgmt*cidr*',
            '*access*cidr*',
            '*client*cidr*',
            '*inbound*',
            '*permit*',
            '*_ips',
            '*source_address*',
          ].flatMap((name) => [name, `${name}.**`]),
        ],
        { cidr: 'internet' },
      ),
    },
    'Passes the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8) to a network input of remote module code: whatever the module opens with it, it opens to anyone; restrict the range.',
  ),
  rule(
    'modules.terraform.remote-input-public-principal',
    'critical',
    {
      kinds: ['module'],
      moduleSource: 'remote',
      // Who may act, by the input's name (trusted_role_arns, allowed_principals), at any depth inside it.
      values: valuesAt(['*principal*', '*principal*.**', 'trusted*', 'trusted*.**'], { regex: '^\\*$' }),
    },
    'Passes "*" as who may act to remote module code: a role, key, bucket or endpoint it trusts that way is open to every account and identity; name the principals.',
  ),
  rule(
    'modules.terraform.remote-sensitive-input',
    'high',
    {
      kinds: ['module'],
      actions: ['update', 'move'],
      moduleSource: 'remote',
      attributes: SENSITIVE_INPUTS,
    },
    'Changes an input of remote module code whose name says it decides access or exposure (CIDR, ingress, policy, principal, role, admin, public): read the module and the plan.',
  ),
  rule(
    'modules.terraform.remote-input-changed',
    'medium',
    {
      kinds: ['module'],
      actions: ['update', 'move'],
      moduleSource: 'remote',
      attributes: ['!(source|version|providers|depends_on)'],
    },
    'Changes an input of remote module code that is not in this pull request: what the module does with it is not visible here; read the plan.',
  ),
];
