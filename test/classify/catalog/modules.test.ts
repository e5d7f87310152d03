import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../../src/change/changeSet.js';
import { classifyChangeSet } from '../../../src/classify/classify.js';
import { defaultPolicy } from '../../../src/model/policy.js';
import { type Case, created, runCases, tree } from './support.js';

function call(source: string, version?: string): string {
  return `module "vpc" {\n  source = "${source}"\n${version === undefined ? '' : `  version = "${version}"\n`}}\n`;
}

/** What the whole internet passed to an ingress input of the security-group module gives. */
const OPEN_WORLD_INPUT: [string, string, string][] = [
  ['module.sg', 'modules.terraform.remote-input-open-world', 'critical'],
  ['module.sg', 'modules.terraform.remote-sensitive-input', 'high'],
  ['module.sg', 'modules.terraform.remote-input-changed', 'medium'],
];

const SG = (cidrs: string) =>
  `module "sg" {\n  source              = "terraform-aws-modules/security-group/aws"\n  version             = "5.1.0"\n  ingress_cidr_blocks = ${cidrs}\n}\n`;
const SG_RULES = (cidr: string) =>
  `module "sg" {\n  source  = "terraform-aws-modules/security-group/aws"\n  version = "5.1.0"\n  ingress_with_cidr_blocks = [{ rule = "ssh-tcp", cidr_blocks = "${cidr}" }]\n}\n`;
const SG_EGRESS = (cidrs: string) =>
  `module "sg" {\n  source             = "terraform-aws-modules/security-group/aws"\n  version            = "5.1.0"\n  egress_cidr_blocks = ${cidrs}\n}\n`;

/** A local module's code in the tree, with no object of its own: the call is all that changes. */
const LOCAL_MODULE = '# the module\n';

/** A registry module call passing `value` in a list to `input`. */
function remoteInput(input: string, value: string): string {
  return `module "net" {\n  source  = "acme/network/aws"\n  version = "1.0.0"\n  ${input} = [${value}]\n}\n`;
}

const cases: Case[] = [
  [
    'a new call of a local module is medium',
    {},
    { 'main.tf': call('./modules/vpc'), 'modules/vpc/main.tf': LOCAL_MODULE },
    [['module.vpc', 'modules.terraform.source-changed', 'medium']],
  ],
  [
    'a new call of a registry module is high',
    ...created(call('terraform-aws-modules/vpc/aws', '5.1.0')),
    [
      ['module.vpc', 'modules.terraform.remote-source-changed', 'high'],
      ['module.vpc', 'modules.terraform.source-changed', 'medium'],
    ],
  ],
  [
    'a new call of a module in node_modules (an npm package, its code not read) is high, as a registry one',
    ...created(call('./node_modules/@acme/tf-modules/vpc')),
    [
      ['module.vpc', 'modules.terraform.remote-source-changed', 'high'],
      ['module.vpc', 'modules.terraform.source-changed', 'medium'],
    ],
  ],
  [
    'an input of a module in node_modules is judged by its name, as a remote module input is',
    { 'main.tf': 'module "admins" {\n  source = "../node_modules/iam"\n  admin  = false\n}\n' },
    { 'main.tf': 'module "admins" {\n  source = "../node_modules/iam"\n  admin  = true\n}\n' },
    [
      ['module.admins', 'modules.terraform.remote-sensitive-input', 'high'],
      ['module.admins', 'modules.terraform.remote-input-changed', 'medium'],
    ],
  ],
  [
    'a module version bump is medium',
    { 'main.tf': call('terraform-aws-modules/vpc/aws', '5.1.0') },
    { 'main.tf': call('terraform-aws-modules/vpc/aws', '5.2.0') },
    [['module.vpc', 'modules.terraform.version-changed', 'medium']],
  ],
  [
    'a new Git ref in the source is high',
    { 'main.tf': call('git::https://example.com/vpc.git?ref=v1') },
    { 'main.tf': call('git::https://example.com/vpc.git?ref=v2') },
    [
      ['module.vpc', 'modules.terraform.remote-source-changed', 'high'],
      ['module.vpc', 'modules.terraform.source-changed', 'medium'],
    ],
  ],
  [
    'moving to another local path is medium',
    { 'main.tf': call('./modules/vpc'), 'modules/vpc/main.tf': LOCAL_MODULE },
    { 'main.tf': call('./shared/vpc'), 'shared/vpc/main.tf': LOCAL_MODULE },
    [['module.vpc', 'modules.terraform.source-changed', 'medium']],
  ],
  [
    'changing only an input of a local module call, which the module reads nowhere, is low',
    {
      'main.tf': 'module "vpc" {\n  source = "./modules/vpc"\n  cidr   = "10.0.0.0/16"\n}\n',
      'modules/vpc/main.tf': 'variable "cidr" {}\n',
    },
    {
      'main.tf': 'module "vpc" {\n  source = "./modules/vpc"\n  cidr   = "10.1.0.0/16"\n}\n',
      'modules/vpc/main.tf': 'variable "cidr" {}\n',
    },
    [['module.vpc', 'default', 'low']],
  ],
  [
    'the whole internet passed to an ingress input of a registry module is critical',
    { 'main.tf': SG('["10.0.0.0/8"]') },
    { 'main.tf': SG('["0.0.0.0/0"]') },
    OPEN_WORLD_INPUT,
  ],
  [
    'in a list of rule objects too (ingress_with_cidr_blocks)',
    { 'main.tf': SG_RULES('10.0.0.0/8') },
    { 'main.tf': SG_RULES('0.0.0.0/0') },
    OPEN_WORLD_INPUT,
  ],
  [
    'egress to anywhere is not exposure: the sensitive-input rule, no more',
    { 'main.tf': SG_EGRESS('["10.0.0.0/8"]') },
    { 'main.tf': SG_EGRESS('["0.0.0.0/0"]') },
    [
      ['module.sg', 'modules.terraform.remote-sensitive-input', 'high'],
      ['module.sg', 'modules.terraform.remote-input-changed', 'medium'],
    ],
  ],
];

describe('modules catalog', () => {
  runCases(cases);
});

describe('modules catalog: the whole internet passed to an allow-list input of a registry module', () => {
  const opened = (input: string) =>
    classifyChangeSet(
      buildChangeSet(
        tree({ 'main.tf': remoteInput(input, '"10.0.0.0/8"') }),
        tree({ 'main.tf': remoteInput(input, '"0.0.0.0/0"') }),
      ),
      defaultPolicy(),
    );
  it.each([
    'allowed_ranges',
    'master_authorized_networks',
    'trusted_ips',
    'source_ranges',
    // named by what the range is for
    'admin_cidrs',
    'ssh_cidr_blocks',
    'office_ips',
    'management_cidr_blocks',
    'inbound_cidrs',
    'source_addresses',
  ])('%s: critical', (input) => {
    const result = opened(input);
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain('modules.terraform.remote-input-open-world');
  });

  it.each([
    'nat_gateway_destination_cidr_block',
    'egress_cidr_blocks',
    'default_route_cidr',
    'vpc_cidr',
    'vpn_connection_remote_ipv4_network_cidr',
  ])('%s (where the world is a destination, not who may connect): not an opening', (input) => {
    expect(opened(input).findings.map((f) => f.ruleId)).not.toContain('modules.terraform.remote-input-open-world');
  });
});

describe('modules catalog: "*" passed as who may act to a registry module', () => {
  const trusted = (input: string, before: string, after: string) =>
    classifyChangeSet(
      buildChangeSet(tree({ 'main.tf': remoteInput(input, before) }), tree({ 'main.tf': remoteInput(input, after) })),
      defaultPolicy(),
    );
  const ACCOUNT = '"arn:aws:iam::111122223333:root"';
  it.each<[string, string]>([
    ['trusted_role_arns', '"*"'],
    ['allowed_principals', '"*"'],
    ['principals', '{ type = "AWS", identifiers = ["*"] }'],
  ])('%s = [%s]: critical', (input, everyone) => {
    const result = trusted(
      input,
      input === 'principals' ? `{ type = "AWS", identifiers = [${ACCOUNT}] }` : ACCOUNT,
      everyone,
    );
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain('modules.terraform.remote-input-public-principal');
  });

  it.each<[string, string]>([
    ['another account, named', '"arn:aws:iam::444455556666:root"'],
    ['a wildcard inside an ARN, for the module to read', '"arn:aws:iam::111122223333:role/ci-*"'],
  ])('trusted_role_arns, %s: not everyone', (_name, principal) => {
    expect(trusted('trusted_role_arns', ACCOUNT, principal).findings.map((f) => f.ruleId)).not.toContain(
      'modules.terraform.remote-input-public-principal',
    );
  });

  it('"*" in an input not named for principals (actions of a policy) is not this rule', () => {
    expect(trusted('actions', '"s3:GetObject"', '"*"').findings.map((f) => f.ruleId)).not.toContain(
      'modules.terraform.remote-input-public-principal',
    );
  });
});
