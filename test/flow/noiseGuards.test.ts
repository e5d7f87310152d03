import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees as classify, topRules } from '../support/classifyTrees.js';
import { sshRule } from '../support/terraformSamples.js';

/*
 * Each noise fix measured on real history (docs/benchmarks.md, "Noise on real history") as a
 * pair: the ordinary change that must stay quiet, and the risky change beside it that must still
 * be rated as before.
 */

/** A module of one SSH ingress rule on `var.cidr`, its port a literal or `var.port`. */
const edgeModule = (port: '22' | 'var.port') =>
  `variable "cidr" {}\n${port === 'var.port' ? 'variable "port" {}\n' : ''}\n${sshRule('var.cidr', { port })}`;

const regionGroup = (regionDefault: string, withRegion: boolean) => `variable "region" {
  type    = string
  default = ${regionDefault}
}

resource "aws_security_group" "bastion" {
  name = "bastion"
${withRegion ? '  region = var.region\n' : ''}  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
`;

describe('an argument set to null is an argument left out', () => {
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'quiet: `region = var.region` added where the variable defaults to null',
      { 'main.tf': regionGroup('null', false) },
      { 'main.tf': regionGroup('null', true) },
      ['none', []],
    ],
    [
      'still caught: the same line where the variable has a value moves the group to another region',
      { 'main.tf': regionGroup('"eu-west-1"', false) },
      { 'main.tf': regionGroup('"eu-west-1"', true) },
      ['high', ['network.aws.security-group']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

const guard = (blockAcls: string) => `variable "block_acls" {
  type    = bool
  default = null
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = ${blockAcls}
}
`;

describe('an argument set to null is still a change from the value it had', () => {
  it('still caught: a guard set to true, replaced by a variable that defaults to null (the provider default applies)', () => {
    const result = classify({ 'main.tf': guard('true') }, { 'main.tf': guard('var.block_acls') });
    expect(result.tier).toBe('high');
    expect(result.findings.map((f) => f.ruleId)).toContain('data-exposure.aws.public-access-block');
  });
});

const requires = (name: string, source: string) => `terraform {
  required_providers {
    ${name} = {
      source  = "${source}"
      version = "~> 1.2"
    }
  }
}
`;

const ROOT = `${requires('azurecaf', 'aztfmod/azurecaf')}
resource "azurecaf_name" "rg" {
  name = "rg"
}
`;

describe('a provider the configuration already installs is not a new plugin', () => {
  const callOf = (dir: string) => `\nmodule "names" {\n  source = "./${dir}"\n}\n`;
  it.each<[string, Files, [string, string[]]]>([
    [
      'quiet: a new call of a local module that requires the same plugin as the root',
      { 'mod/main.tf': requires('azurecaf', 'aztfmod/azurecaf') },
      ['medium', ['modules.terraform.source-changed']],
    ],
    [
      'still caught: the called module requires a plugin from another publisher',
      { 'mod/main.tf': requires('shell', 'evilcorp/shell') },
      ['high', ['terraform-control.terraform.required-provider-added']],
    ],
  ])('%s', (_name, module, expected) => {
    expect(topRules({ 'main.tf': ROOT, ...module }, { 'main.tf': ROOT + callOf('mod'), ...module })).toEqual(expected);
  });
});

const WILDCARD_DOCUMENT = `data "aws_iam_policy_document" "custom" {
  statement {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
  }
}
`;

describe('deleting a data source that renders a flagged grant removes the grant', () => {
  const wildcard = (base: Files, head: Files) =>
    classify(base, head)
      .findings.filter((f) => f.ruleId === 'identity.aws.wildcard-resource')
      .map((f) => [f.action, f.tier, f.valueChange ?? null]);

  it('quiet: a policy document with Resource "*" deleted is a removal (medium), not a new wildcard', () => {
    expect(wildcard({ 'main.tf': WILDCARD_DOCUMENT }, { 'main.tf': '' })).toEqual([['delete', 'medium', 'removed']]);
  });

  it('still caught: the same document created', () => {
    expect(wildcard({ 'main.tf': '' }, { 'main.tf': WILDCARD_DOCUMENT })).toEqual([['create', 'critical', null]]);
  });
});

const netOutput = (value: string, description: string) =>
  `output "cidr" {\n  description = "${description}"\n  value       = "${value}"\n}\n`;
const netReader = `module "net" {
  source = "./net"
}

locals {
  net = module.net
}

${sshRule('local.net.cidr')}`;

describe("a module's output is read through its value only", () => {
  it.each<[string, Files, Files, string]>([
    [
      "quiet: the description of an output that a whole call's reader reads changed",
      { 'main.tf': netReader, 'net/outputs.tf': netOutput('10.0.0.0/8', 'the range') },
      { 'main.tf': netReader, 'net/outputs.tf': netOutput('10.0.0.0/8', 'the private range') },
      'low',
    ],
    [
      'still caught: its value opened to the world',
      { 'main.tf': netReader, 'net/outputs.tf': netOutput('10.0.0.0/8', 'the range') },
      { 'main.tf': netReader, 'net/outputs.tf': netOutput('0.0.0.0/0', 'the range') },
      'critical',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('each.value.x and each.value["x"] read that attribute of the entries, not the whole entry', () => {
  const module = `variable "rules" {}

module "edge" {
  source   = "./edge"
  for_each = var.create ? var.rules : {}
  cidr     = each.value.cidr
  port     = lookup(each.value, "port", 22)
}

module "edge_indexed" {
  source   = "./edge"
  for_each = var.create ? var.rules : {}
  cidr     = each.value["cidr"]
  port     = each.value["port"]
}

variable "create" {
  default = true
}
`;
  const edge = edgeModule('var.port');
  const files = (entry: string) => ({
    'main.tf': module,
    'edge/main.tf': edge,
    'terraform.tfvars': `rules = { a = { ${entry} } }\n`,
  });
  it.each<[string, Files, Files, string]>([
    [
      'quiet: an attribute nothing reads added to an entry',
      files('cidr = "10.0.0.0/8", port = 22'),
      files('cidr = "10.0.0.0/8", port = 22, owner = "team-a"'),
      'low',
    ],
    [
      'still caught: the entry opened to the world',
      files('cidr = "10.0.0.0/8", port = 22'),
      files('cidr = "0.0.0.0/0", port = 22'),
      'critical',
    ],
    [
      'still caught: the port read by lookup and by each.value["port"]',
      files('cidr = "10.0.0.0/8", port = 22'),
      files('cidr = "10.0.0.0/8", port = 3389'),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('each.value.x where the entries compute their values', () => {
  const main = (owner: string) => `locals {
  rules = {
    a = { cidr = cidrsubnet("10.0.0.0/8", 8, 1), owner = "${owner}" }
  }
}

module "edge" {
  source   = "./edge"
  for_each = local.rules
  cidr     = each.value.cidr
}
`;
  const edge = edgeModule('22');
  it('quiet: an attribute the module does not read changes beside a computed one', () => {
    const files = (owner: string) => ({ 'main.tf': main(owner), 'edge/main.tf': edge });
    expect(classify(files('team-a'), files('team-b')).tier).toBe('low');
  });
});

describe('each.value.x over a for_each of try(var.x, {}), read through can() and try()', () => {
  const main = `variable "rules" {}

module "edge" {
  source   = "./edge"
  for_each = try(var.rules, {})
  cidr     = can(each.value.network.cidr) ? try(each.value.network.cidr, each.value.cidr) : null
}
`;
  const edge = edgeModule('22');
  const files = (entry: string) => ({
    'main.tf': main,
    'edge/main.tf': edge,
    'terraform.tfvars': `rules = { a = { ${entry} } }\n`,
  });
  it.each<[string, Files, Files, string]>([
    [
      'quiet: an attribute nothing reads added to an entry',
      files('cidr = "10.0.0.0/8"'),
      files('cidr = "10.0.0.0/8", cost_analysis = true'),
      'low',
    ],
    [
      'still caught: the entry gains the attribute can() tests, opened to the world',
      files('cidr = "10.0.0.0/8"'),
      files('cidr = "10.0.0.0/8", network = { cidr = "0.0.0.0/0" }'),
      'critical',
    ],
    [
      // Entries written out are read one by one (module calls key by key): for an entry without
      // `network`, can() is false and the input is null, so its `cidr` is never read.
      'quiet: the attribute try() falls back to, where can() is false for the entry',
      files('cidr = "10.0.0.0/8"'),
      files('cidr = "0.0.0.0/0"'),
      'low',
    ],
    [
      'still caught: the same where the entry has a network whose cidr is opened',
      files('cidr = "10.0.0.0/8", network = { cidr = "10.0.0.0/8" }'),
      files('cidr = "10.0.0.0/8", network = { cidr = "0.0.0.0/0" }'),
      'critical',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('an output added to a module whose instances a map of all services holds', () => {
  const main = `variable "zones" {
  default = { a = {} }
}

variable "remote_objects" {
  default = {}
}

variable "landingzone" {
  default = "lz1"
}

variable "roles" {
  default = { reader = { type = "private_dns", key = "a" } }
}

module "private_dns" {
  source   = "./dns"
  for_each = var.zones
}

locals {
  combined_dns   = merge(tomap({ (var.landingzone) = module.private_dns }), REMOTE)
  services_roles = { private_dns = local.combined_dns }
}

resource "azurerm_role_assignment" "for" {
  for_each = {
    for key, value in var.roles : key => value
    if contains(keys(local.services_roles), value.type)
  }
  principal_id         = local.services_roles[each.value.type][var.landingzone][each.value.key].rbac_id
  scope                = local.services_roles[each.value.type][var.landingzone][each.value.key].id
  role_definition_name = "Reader"
}
`;
  const dns = (outputs: string) => `resource "azurerm_private_dns_zone" "zone" {
  name                = "example.com"
  resource_group_name = "rg"
}

output "id" {
  value = ${outputs}
}
`;
  const files = (idOutput: string, extra = '', remote = 'try(var.remote_objects.private_dns, {})') => ({
    'main.tf': main.replace('REMOTE', remote),
    'dns/main.tf': dns(idOutput) + extra,
  });
  const zoneId = 'azurerm_private_dns_zone.zone.id';
  it.each<[string, Files, Files, string]>([
    [
      'quiet: an output nothing reads added',
      files(zoneId),
      files(zoneId, 'output "a" {\n  value = azurerm_private_dns_zone.zone.name\n}\n'),
      'low',
    ],
    ['still caught: the output the role assignment reads as its scope', files(zoneId), files('"/"'), 'high'],
    [
      'quiet: try(var.m.x, {}) rewritten as lookup(var.m, "x", {}) where var.m is {}',
      files(zoneId),
      files(zoneId, '', 'lookup(var.remote_objects, "private_dns", {})'),
      'low',
    ],
    [
      'still caught: the rewrite falls back to another scope',
      files(zoneId),
      files(zoneId, '', 'lookup(var.remote_objects, "private_dns", { lz1 = { a = { id = "/" } } })'),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});
