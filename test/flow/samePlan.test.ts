import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees as classify, topRules } from '../support/classifyTrees.js';
import { bastionGroup } from '../support/terraformSamples.js';

/*
 * What Terraform's plan would not show is no change: each case is an edit that leaves every
 * value and instance the same (quiet), beside the edit that does change them (still caught).
 */

describe('an object whose for_each is a filtering for over an empty map has no instance', () => {
  const module = (body: string) => `variable "exclusions" {
  type    = map(any)
  default = {}
}

locals {
  create = true
}

resource "aws_vpc_block_public_access_exclusion" "this" {
  for_each = { for k, v in var.exclusions : k => v if local.create }
  ${body}
}
`;
  const files = (body: string, input = '') => ({
    'vpc/main.tf': module(body),
    'example/main.tf': `module "vpc" {\n  source = "../vpc"\n  ${input}\n}\n`,
  });
  it.each<[string, Files, Files, string]>([
    [
      'quiet: an argument rewritten where no caller passes an entry',
      files('vpc_id = "vpc-1"'),
      files('vpc_id = "vpc-2"'),
      'none',
    ],
    [
      'still caught: the same rewrite where a caller passes an entry',
      files('vpc_id = "vpc-1"', 'exclusions = { a = { mode = "allow-egress" } }'),
      files('vpc_id = "vpc-2"', 'exclusions = { a = { mode = "allow-egress" } }'),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('try(each.value.x, d) and lookup(each.value, "x", d) are one value', () => {
  const module = (vpcId: string) => `variable "exclusions" {}

resource "aws_vpc_block_public_access_exclusion" "this" {
  for_each = var.exclusions
  vpc_id   = ${vpcId} ? "vpc-1" : null
  internet_gateway_exclusion_mode = each.value.mode
}
`;
  const files = (vpcId: string, entry: string) => ({
    'main.tf': module(vpcId),
    'terraform.tfvars': `exclusions = { a = { mode = "allow-egress", ${entry} } }\n`,
  });
  const lookup = 'lookup(each.value, "exclude_vpc", false)';
  const attempt = 'try(each.value.exclude_vpc, false)';
  it.each<[string, Files, Files, string]>([
    [
      'quiet: lookup rewritten as try',
      files(lookup, 'exclude_vpc = true'),
      files(attempt, 'exclude_vpc = true'),
      'none',
    ],
    [
      'still caught: the entry switches the exclusion to the whole VPC',
      files(attempt, 'exclude_vpc = false'),
      files(attempt, 'exclude_vpc = true'),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('a change that describes or orders an object is judged by the rules that name what it changes', () => {
  const gateway = (extra: string) => `resource "aws_customer_gateway" "this" {
  bgp_asn    = 65000
  ip_address = "203.0.113.10"
  type       = "ipsec.1"
${extra}}
`;
  const files = (extra: string) => ({ 'main.tf': gateway(extra) });
  const role = (extra: string) => ({
    'main.tf': `resource "aws_iam_role" "ci" {\n  name               = "ci"\n  assume_role_policy = "{}"\n${extra}}\n`,
  });
  it.each<[string, Files, Files, [string, string[]]]>([
    ['quiet: tags added', files(''), files('  tags = { Name = "office" }\n'), ['low', ['default']]],
    [
      'quiet: depends_on added to an IAM role',
      role(''),
      role('  depends_on = [aws_s3_bucket.x]\n'),
      ['low', ['default']],
    ],
    [
      'still caught: tags on an IAM role (ABAC conditions can read them)',
      role(''),
      role('  tags = { team = "ops" }\n'),
      ['high', ['identity.aws.iam']],
    ],
    [
      'quiet: the description of an IAM role (it grants nothing)',
      role('  description = "CI"\n'),
      role('  description = "Continuous integration"\n'),
      ['low', ['default']],
    ],
    [
      "quiet: a Google service account's description and display name",
      { 'main.tf': 'resource "google_service_account" "sa" {\n  account_id   = "ci"\n  display_name = "ci"\n}\n' },
      {
        'main.tf':
          'resource "google_service_account" "sa" {\n  account_id   = "ci"\n  display_name = "CI runner"\n  description  = "Runs CI"\n}\n',
      },
      ['low', ['default']],
    ],
    [
      "still caught: a Kubernetes service account's annotations (IRSA names the role it acts as)",
      {
        'main.tf': 'resource "kubernetes_service_account" "ci" {\n  metadata {\n    name = "ci"\n  }\n}\n',
      },
      {
        'main.tf':
          'resource "kubernetes_service_account" "ci" {\n  metadata {\n    name        = "ci"\n    annotations = { "eks.amazonaws.com/role-arn" = "arn:aws:iam::111111111111:role/admin" }\n  }\n}\n',
      },
      ['high', ['identity.kubernetes.rbac']],
    ],
    [
      'quiet: create_before_destroy added',
      files(''),
      files('  lifecycle {\n    create_before_destroy = true\n  }\n'),
      ['low', ['default']],
    ],
    ['quiet: depends_on added', files(''), files('  depends_on = [aws_vpc.main]\n'), ['low', ['default']]],
    [
      'still caught: the gateway moved to another address beside an ordering change',
      files(''),
      { 'main.tf': gateway('  depends_on = [aws_vpc.main]\n').replace('203.0.113.10', '198.51.100.7') },
      ['high', ['network.aws.vpn']],
    ],
    [
      'still caught: prevent_destroy removed',
      files('  lifecycle {\n    prevent_destroy = true\n  }\n'),
      files(''),
      ['high', ['destruction.terraform.prevent-destroy-changed', 'network.aws.vpn']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

describe('operators over known values are evaluated, as Terraform does', () => {
  const vpc = (count: string, flagDefault: string | null) => `variable "enable_nat_gateway" {
  default = true
}
${flagDefault === null ? '' : `\nvariable "create_private_nat_gateway_route" {\n  default = ${flagDefault}\n}\n`}
resource "aws_route" "private_nat_gateway" {
  count                  = ${count}
  route_table_id         = "rtb-1"
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = "nat-1"
}
`;
  const files = (count: string, flagDefault: string | null) => ({
    'vpc/main.tf': vpc(count, flagDefault),
    'example/main.tf': 'module "vpc" {\n  source = "../vpc"\n}\n',
  });
  const before = files('var.enable_nat_gateway ? 2 : 0', null);
  const withFlag = 'var.enable_nat_gateway && var.create_private_nat_gateway_route ? 2 : 0';
  it.each<[string, Files, Files, string]>([
    ['quiet: a flag added whose default keeps the routes', before, files(withFlag, 'true'), 'low'],
    [
      'quiet: the same flag compared with a literal',
      before,
      files('var.enable_nat_gateway && var.create_private_nat_gateway_route == "yes" ? 2 : 0', '"yes"'),
      'low',
    ],
    ['still caught: a flag whose default removes the routes', before, files(withFlag, 'false'), 'high'],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('&& and || with one known operand', () => {
  const vpc = (count: string) => `variable "enable_ipv6" {
  default = false
}

locals {
  private_subnets = [for s in aws_subnet.private : s.id]
}

resource "aws_route" "private_ipv6_egress" {
  count                       = ${count}
  route_table_id              = "rtb-1"
  destination_ipv6_cidr_block = "::/0"
  egress_only_gateway_id      = "eigw-1"
}
`;
  const files = (count: string) => ({
    'vpc/main.tf': vpc(count),
    'example/main.tf': 'module "vpc" {\n  source = "../vpc"\n}\n',
  });
  it.each<[string, Files, Files, string]>([
    [
      'quiet: a condition added beside a known false (`false && length(...) > 0` makes no route)',
      files('var.enable_ipv6 ? 2 : 0'),
      files('var.enable_ipv6 && length(local.private_subnets) > 0 ? 2 : 0'),
      'none',
    ],
    [
      'still caught: beside a known true, the unknown condition may create the routes',
      files('0'),
      files('!var.enable_ipv6 && length(local.private_subnets) > 0 ? 2 : 0'),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('a for over a collection written out empty makes nothing, whatever it reads', () => {
  const files = (body: string, rules: string) => ({
    'web/main.tf': `variable "rules" {}\n\n${bastionGroup(`[for r in var.rules : ${body}]`)}`,
    'main.tf': `module "web" {\n  source = "./web"\n  rules  = ${rules}\n}\n`,
  });
  const ONE = '{ a = { cidr = "10.0.0.0/8" } }';
  it.each<[string, Files, Files, string]>([
    [
      'quiet: the body opened to the world where every caller passes no rule',
      files('r.cidr', '{}'),
      files('"0.0.0.0/0"', '{}'),
      'none',
    ],
    [
      'still caught: the same where a caller passes a rule',
      files('r.cidr', ONE),
      files('"0.0.0.0/0"', ONE),
      'critical',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('a for that filters a map written out is the map of the entries it keeps', () => {
  const module = `variable "settings" {}

resource "aws_db_instance" "this" {
  identifier          = var.settings.identifier
  publicly_accessible = try(var.settings.public, false)
}
`;
  const files = (filter: string, instances: string) => ({
    'db/main.tf': module,
    'main.tf': `variable "instances" {}

module "db" {
  source   = "./db"
  for_each = { for key, value in var.instances : key => value ${filter} }
  settings = each.value
}
`,
    'prod.tfvars': `instances = ${instances}\n`,
  });
  const V1 = 'if try(value.version, "") == "v1"';
  const entry = (extra: string) => `{ a = { version = "v1", identifier = "orders"${extra} } }`;
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'quiet: a key no attribute reads added to an entry (the database is not renamed)',
      files(V1, entry('')),
      files(V1, entry(', tags = { team = "data" }')),
      ['low', ['default']],
    ],
    [
      'quiet without a condition too',
      files('', entry('')),
      files('', entry(', tags = { team = "data" }')),
      ['low', ['default']],
    ],
    [
      'still caught: the identifier the entry gives changed (the database is replaced)',
      files(V1, entry('')),
      files(V1, '{ a = { version = "v1", identifier = "orders-2" } }'),
      ['critical', ['destruction.aws.store-replaced']],
    ],
    [
      'still caught: the entry opened to the internet',
      files(V1, entry('')),
      files(V1, entry(', public = true')),
      ['critical', ['data-exposure.aws.publicly-accessible-database']],
    ],
    [
      'still caught: the entry the condition drops is deleted',
      files(V1, entry('')),
      files(V1, '{ a = { version = "v2", identifier = "orders" } }'),
      ['critical', ['destruction.aws.database-delete']],
    ],
    [
      'a condition that is not known keeps every entry in play',
      files('if value.enabled', '{ a = { enabled = var.on, identifier = "orders" } }'),
      files('if value.enabled', '{ a = { enabled = var.on, identifier = "orders-2" } }'),
      ['critical', ['destruction.aws.store-replaced']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

describe("the same through a module's locals, beside entries a root default gives (Azure CAF's shape)", () => {
  const files = (entry: string) => ({
    'db/main.tf': `variable "settings" {}

resource "aws_db_instance" "this" {
  identifier = var.settings.identifier
}
`,
    'main.tf': `variable "database" {}

locals {
  database = {
    instances = try(var.database.instances, {})
    replicas  = try(var.database.replicas, {})
  }
}

module "db" {
  source   = "./db"
  for_each = { for key, value in local.database.instances : key => value if try(value.version, "") == "v1" }
  settings = each.value
}
`,
    'examples/main.tf': `variable "instances" {
  default = {}
}

variable "replicas" {
  default = {}
}

module "caf" {
  source = "../"
  database = {
    instances = var.instances
    replicas  = var.replicas
  }
}
`,
    'examples/db/configuration.tfvars': `instances = { a = { version = "v1", identifier = "orders"${entry} } }\n`,
  });
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'quiet: a key no attribute reads added to the entry',
      files(''),
      files(', tags = { team = "data" }'),
      ['low', ['default']],
    ],
    [
      'still caught: the database renamed',
      files(''),
      {
        ...files(''),
        'examples/db/configuration.tfvars': 'instances = { a = { version = "v1", identifier = "orders-2" } }\n',
      },
      ['critical', ['destruction.aws.store-replaced']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

describe('a merge of maps written out is the map it makes', () => {
  const files = (extra: string) => ({
    'main.tf': `locals {
  rules = {
    https = { type = "ingress", port = 443, cidr_blocks = ["10.0.0.0/8"] }
  }
  recommended = {
    dns = { type = "ingress", port = 53, cidr_blocks = ["10.0.0.0/8"] }${extra}
  }
}

resource "aws_security_group_rule" "node" {
  for_each          = merge(local.rules, local.recommended)
  security_group_id = "sg-1"
  type              = each.value.type
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = each.value.cidr_blocks
}
`,
  });
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'still caught: a rule open to the world added to one of the maps',
      files(''),
      files('\n    ssh = { type = "ingress", port = 22, cidr_blocks = ["0.0.0.0/0"] }'),
      ['critical', ['network.aws.security-group-open-world']],
    ],
    [
      'a private rule added: the rules change, none is open to the world',
      files(''),
      files('\n    ssh = { type = "ingress", port = 22, cidr_blocks = ["10.1.0.0/16"] }'),
      ['high', ['network.aws.security-group']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });
});

describe("an object whose for_each has a few known keys is compared key by key: one entry's values together", () => {
  const rule = (name: string, type: string, port: number, cidr: string) =>
    `    ${name} = { type = "${type}", port = ${port}, cidr = "${cidr}" }\n`;
  const EGRESS_ALL = rule('egress_all', 'egress', 0, '0.0.0.0/0');
  const HTTPS = rule('https', 'ingress', 443, '10.0.0.0/8');
  const files = (rules: string) => ({
    'main.tf': `locals {
  rules = {
${rules}  }
}

resource "aws_security_group_rule" "node" {
  for_each          = local.rules
  security_group_id = "sg-1"
  type              = each.value.type
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = [each.value.cidr]
}
`,
  });
  const many = Array.from({ length: 17 }, (_, i) => rule(`r${i}`, 'ingress', 1000 + i, '10.0.0.0/8')).join('');
  it.each<[string, Files, Files, [string, string[]]]>([
    [
      'a private ingress added beside an egress open to the world: the rules change, none opens ingress to it',
      files(EGRESS_ALL + HTTPS),
      files(EGRESS_ALL + HTTPS + rule('dns', 'ingress', 53, '10.0.0.0/8')),
      ['high', ['network.aws.security-group']],
    ],
    [
      'still caught: an ingress open to the world added',
      files(EGRESS_ALL + HTTPS),
      files(EGRESS_ALL + HTTPS + rule('ssh', 'ingress', 22, '0.0.0.0/0')),
      ['critical', ['network.aws.security-group-open-world']],
    ],
    [
      'still caught: an existing private ingress opened to the world',
      files(EGRESS_ALL + HTTPS),
      files(EGRESS_ALL + rule('https', 'ingress', 443, '0.0.0.0/0')),
      ['critical', ['network.aws.security-group-open-world']],
    ],
    [
      'created whole: an egress open to the world beside a private ingress opens no ingress',
      {},
      files(EGRESS_ALL + HTTPS),
      ['high', ['network.aws.security-group']],
    ],
    [
      'still caught: created whole with an ingress open to the world',
      {},
      files(EGRESS_ALL + rule('ssh', 'ingress', 22, '0.0.0.0/0')),
      ['critical', ['network.aws.security-group-open-world']],
    ],
    [
      'still caught with more keys than are compared one by one (any entry, as before)',
      files(many),
      files(many + rule('ssh', 'ingress', 22, '0.0.0.0/0')),
      ['critical', ['network.aws.security-group-open-world']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(base, head)).toEqual(expected);
  });

  it('the instance created is named by its key', () => {
    const result = classify(
      files(EGRESS_ALL + HTTPS),
      files(EGRESS_ALL + HTTPS + rule('ssh', 'ingress', 22, '0.0.0.0/0')),
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect([open?.action, open?.instances]).toEqual(['create', ['.: aws_security_group_rule.node["ssh"]']]);
  });
});
